import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanup, spawnTracked } from '../helpers/processes.js';

/** Runs the built CLI in another directory (built-ins must not depend on the cwd) and waits until it exited and its output closed. */
async function resilab(args: string[]) {
  const child = spawnTracked(process.execPath, [BIN, ...args], { cwd: '/' });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout: child.output(), stderr: child.errors() };
}

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
