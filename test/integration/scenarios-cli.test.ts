import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, runCli } from '../helpers/processes.js';

/** The built CLI, run from / (nothing may depend on the cwd). */
const resilab = (args: string[]) => runCli(args, { cwd: '/' });

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

describe('resilab scenarios', () => {
  it('lists the built-in scenarios with their descriptions', async () => {
    const { code, stdout, stderr } = await resilab(['scenarios']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^crash-recovery\s+Crash one instance under steady load\./m);
    expect(stdout).toMatch(/^reload\s+Rolling reload of two cluster instances/m);
    expect(stdout).toContain('resilab run <name>');
  });

  it('prints JSON with --json: every file is a loadable scenario of that name', async () => {
    const { code, stdout } = await resilab(['scenarios', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { name: string; description: string; file: string }[];
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['crash-recovery', 'reload']));
    const { loadScenario } = await import('../../src/config/scenario.js');
    for (const row of rows) expect((await loadScenario(row.file)).name).toBe(row.name);
  });

  it('rejects an unknown flag with exit code 2', async () => {
    const { code, stderr } = await resilab(['scenarios', '--jsn']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--jsn'");
  });
});
