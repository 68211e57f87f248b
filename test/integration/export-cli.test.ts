// `resilab export k6` through the built CLI: it writes the script and the manifest where it says,
// and bad flags are usage errors (exit 2) naming the flag, with nothing written.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, runCli } from '../helpers/processes.js';

let out = '';
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'resilab-export-'));
});
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(out, { recursive: true, force: true });
});

describe('resilab export k6', () => {
  it('writes script.js and testrun.yaml under <out>/<scenario>/ and names them', async () => {
    const { code, stdout } = await runCli(['export', 'k6', 'reload', '--out', out, '--parallelism', '3']);
    expect(code).toBe(0);
    const dir = join(out, 'reload');
    for (const file of ['script.js', 'testrun.yaml']) {
      expect(existsSync(join(dir, file))).toBe(true);
      expect(stdout).toContain(join(dir, file));
    }
    expect(readFileSync(join(dir, 'testrun.yaml'), 'utf8')).toContain('parallelism: 3');
    expect(stdout).toContain('Generated, not run');
  });

  it('refuses a bad flag with exit 2, naming it, and writes nothing', async () => {
    const { code, stderr } = await runCli(['export', 'k6', 'reload', '--out', out, '--parallelism', 'two']);
    expect(code).toBe(2);
    expect(stderr).toContain('--parallelism: expected a whole number >= 1, got "two"');
    expect(existsSync(join(out, 'reload'))).toBe(false);
  });
});
