import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, readDump, writeDump } from '../../../../src/cli/pm2/dump.js';
import { LabError } from '../../../../src/errors.js';
import type { AppConfig } from '../../../../src/types.js';

const app = (name: string, instances: number) =>
  ({
    name,
    script: '/srv/app.js',
    cwd: '/srv',
    instances,
    exec_mode: 'cluster',
    env: { A: '1' },
    kill_timeout: 1600,
  }) as unknown as AppConfig;

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-dump-'));
  file = join(dir, 'dump.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof LabError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
}

describe('dump', () => {
  it('round-trips the configs, and is null when there is no dump', () => {
    expect(readDump(file)).toBeNull();
    writeDump(file, [app('api', 2), app('worker', 1)], 1);
    expect(readDump(file)).toEqual([app('api', 2), app('worker', 1)]);
  });

  it('keeps the previous dump as the backup on each save', () => {
    writeDump(file, [app('api', 2)], 1);
    writeDump(file, [app('api', 4)], 2);
    expect(JSON.parse(readFileSync(backupPath(file), 'utf8')).apps[0].instances).toBe(2);
    expect(readDump(file)?.[0]?.instances).toBe(4);
  });

  it('refuses a corrupt dump with RESILAB_E_DUMP, names the problem and the backup, and never backs it up', () => {
    writeDump(file, [app('api', 2)], 1);
    writeDump(file, [app('api', 3)], 2);
    writeFileSync(file, '{"version":1,"saved_at":3,"apps":[{"name":"api"');
    expect(codeOf(() => readDump(file))).toMatch(
      /^RESILAB_E_DUMP: .*dump\.json: not JSON .*previous dump is kept in .*dump\.json\.bak$/,
    );
    // Saving over the corrupt dump keeps the good backup instead of replacing it with garbage.
    writeDump(file, [app('api', 5)], 4);
    expect(JSON.parse(readFileSync(backupPath(file), 'utf8')).apps[0].instances).toBe(2);
    expect(readDump(file)?.[0]?.instances).toBe(5);
  });

  it('names the field of a dump with the wrong shape', () => {
    writeFileSync(
      file,
      JSON.stringify({ version: 1, saved_at: 1, apps: [{ ...app('api', 2), instances: 'two' }] }),
    );
    expect(codeOf(() => readDump(file))).toBe(
      `RESILAB_E_DUMP: ${file}.apps[0].instances: expected number, got "two"`,
    );
  });
});
