// Every command `resilab --help` lists shows an example in its own --help (through the built CLI,
// as a newcomer reads it), and the list starts where a newcomer starts.
import { afterEach, describe, expect, it } from 'vitest';
import { listedCommands } from '../helpers/help.js';
import { cleanup, runCli } from '../helpers/processes.js';

/** The built CLI, run from / (nothing may depend on the cwd). */
const resilab = (args: string[]) => runCli(args, { cwd: '/' });

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

describe('resilab --help', () => {
  it('lists the commands in the order a newcomer meets them', async () => {
    const { code, stdout } = await resilab(['--help']);
    expect(code).toBe(0);
    const names = listedCommands(stdout);
    expect(names.slice(0, 7)).toEqual(['lab', 'challenge', 'run', 'scenarios', 'report', 'compare', 'ci']);
    expect(names.at(-1)).toBe('runtime');
    expect(names).toEqual(expect.arrayContaining(['start', 'list', 'reload', 'logs', 'kill']));
  });

  it('shows an Example in the --help of every command it lists', async () => {
    const names = listedCommands((await resilab(['--help'])).stdout);
    expect(names.length).toBeGreaterThan(20);
    const helps = await Promise.all(
      names.map(async (name) => ({ name, ...(await resilab([name, '--help'])) })),
    );
    const missing = helps.filter((h) => h.code !== 0 || !/\nExample:\n {2}\$ resilab /.test(h.stdout));
    // Named with what went wrong, so a failure says which command and why.
    expect(missing.map((h) => `${h.name}: exit ${h.code} ${h.stderr.trim()}`)).toEqual([]);
    // Each example runs its own command (not a neighbour's, copied by mistake).
    for (const h of helps) expect(h.stdout).toContain(`$ resilab ${h.name}`);
  });
});
