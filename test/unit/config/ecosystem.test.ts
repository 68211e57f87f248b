import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appsFromTarget, isEcosystemFile, loadEcosystem } from '../../../src/config/ecosystem.js';
import { LabError } from '../../../src/errors.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ecosystem');
const ENV_APP = resolve(import.meta.dirname, '../../fixtures/ecosystem/env-app.js');
const home = '/tmp/resilab-home';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-eco-'));
  writeFileSync(join(dir, 'server.js'), 'require("node:http")');
  writeFileSync(
    join(dir, 'tool.js'),
    'module.exports = { apps: [{ script: "server.js", name: "viaexports" }] };',
  );
});

/** Writes a file into the temp dir and returns its path. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<LabError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('expected a LabError');
}

describe('loadEcosystem: formats', () => {
  it.each([
    ['ecosystem.config.js', 'js'],
    ['ecosystem.config.cjs', 'cjs'],
    ['ecosystem.config.mjs', 'mjs'],
    ['ecosystem.json', 'json'],
    ['ecosystem.yml', 'yml'],
    ['esm/ecosystem.config.js', 'esm-js'],
  ])('%s', async (name, format) => {
    const { apps, warnings } = await loadEcosystem(join(FIXTURES, name), { home });
    expect(warnings).toEqual([]);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.script).toBe(ENV_APP);
    expect(apps[0]!.env.FORMAT).toBe(format);
  });

  it('the .js fixture keeps its values (cluster × 2, 200M, 2s)', async () => {
    const { apps } = await loadEcosystem(join(FIXTURES, 'ecosystem.config.js'), { home, env: 'production' });
    expect(apps[0]).toMatchObject({
      name: 'web',
      instances: 2,
      exec_mode: 'cluster',
      max_memory_restart: 200 * 1024 * 1024,
      min_uptime: 2000,
      env: { APP_MODE: 'production', FORMAT: 'js' },
    });
  });

  it('a single app object (not wrapped in apps) with unknown keys → one warning', async () => {
    const { apps, warnings } = await loadEcosystem(join(FIXTURES, 'single-app.json'), { home });
    expect(apps.map((a) => a.name)).toEqual(['solo']);
    expect(warnings).toEqual([
      'apps[0]: unknown keys ignored: "instancs" (did you mean "instances"?), "foo"',
    ]);
  });

  it('an array of apps', async () => {
    const path = file(
      'list.json',
      JSON.stringify([{ script: 'server.js' }, { script: 'server.js', name: 'b' }]),
    );
    const { apps } = await loadEcosystem(path, { home });
    expect(apps.map((a) => a.name)).toEqual(['server', 'b']);
  });
});

describe('loadEcosystem: bad files', () => {
  it.each([
    [
      'bad1.json',
      '{ "apps": [{ "script": "server.js", "instances": "lots" }] }',
      `bad1.json: apps[0].instances: expected a number, 'max' or -1, got "lots"`,
    ],
    [
      'bad2.json',
      '{ "apps": "server.js" }',
      'bad2.json: expected { apps: [...] }, an array of apps or one app with a script, got apps: "server.js"',
    ],
    ['bad3.json', '{ "apps": [] }', 'bad3.json: apps: expected at least one app, got []'],
    [
      'bad4.json',
      '{ "apps": [{ "script": "server.js" }, { "script": "server.js" }] }',
      'bad4.json: apps[1].name: "server" is used twice',
    ],
    ['bad5.json', '{ "apps": [ ', 'bad5.json": cannot be parsed: '],
    ['bad6.config.js', 'module.exports = { apps: [', 'bad6.config.js": cannot be loaded at line 1: '],
    [
      'bad7.json',
      '42',
      'bad7.json: expected { apps: [...] }, an array of apps or one app with a script, got 42',
    ],
  ])('%s', async (name, content, message) => {
    const error = await failure(loadEcosystem(file(name, content), { home }));
    expect(error.code).toBe('RESILAB_E_ECOSYSTEM');
    expect(error.message).toContain(message);
  });

  it('problems of several apps → one message, each on its own line', async () => {
    const path = file(
      'many.json',
      JSON.stringify({
        apps: [
          { script: 'server.js', min_uptime: 'soon' },
          { script: 'server.js', name: 'b', instances: 'lots', exec_mode: 'x' },
        ],
      }),
    );
    const error = await failure(loadEcosystem(path, { home }));
    expect(error.message).toBe(
      `${path}: 3 problems:\n` +
        `  apps[0].min_uptime: expected a duration in ms or like "1s", got "soon"\n` +
        `  apps[1].instances: expected a number, 'max' or -1, got "lots"\n` +
        `  apps[1].exec_mode: expected 'fork' or 'cluster', got "x"`,
    );
  });

  it('a missing script → RESILAB_E_SCRIPT_NOT_FOUND with the path', async () => {
    const error = await failure(
      loadEcosystem(file('missing.json', '{ "apps": [{ "script": "gone.js" }] }'), { home }),
    );
    expect(error.code).toBe('RESILAB_E_SCRIPT_NOT_FOUND');
    // PM2 reads relative names from where it runs; resilab also looks next to the file, and says both.
    expect(error.message).toContain(`then next to the file: ${dir}`);
  });
});

describe('appsFromTarget', () => {
  it('tells ecosystem files from scripts by name, extension or a visible `apps` export', () => {
    expect(isEcosystemFile('/x/ecosystem.config.js')).toBe(true);
    expect(isEcosystemFile('/x/pm2.config.mjs')).toBe(true);
    expect(isEcosystemFile('/x/ecosystem-prod.js')).toBe(true);
    expect(isEcosystemFile('/x/apps.json')).toBe(true);
    expect(isEcosystemFile('/x/process.yaml')).toBe(true);
    expect(isEcosystemFile(join(dir, 'tool.js'))).toBe(true);
    expect(isEcosystemFile(join(dir, 'server.js'))).toBe(false);
  });

  it('a script with flags: -i → cluster (as PM2), durations and sizes read', async () => {
    const { apps } = await appsFromTarget(
      'server.js',
      {
        instances: '2',
        maxMemoryRestart: '100M',
        killTimeout: '3s',
        waitReady: true,
        cronRestart: '0 0 * * *',
        args: ['--x', '1'],
      },
      { cwd: dir, home },
    );
    expect(apps[0]).toMatchObject({
      name: 'server',
      instances: 2,
      exec_mode: 'cluster',
      max_memory_restart: 100 * 1024 * 1024,
      kill_timeout: 3000,
      wait_ready: true,
      cron_restart: '0 0 * * *',
      args: ['--x', '1'],
    });
  });

  it('flags override the ecosystem file; --env selects env_<name>', async () => {
    const { apps } = await appsFromTarget(
      join(FIXTURES, 'ecosystem.config.cjs'),
      { instances: '3', minUptime: '5s', autorestart: false, env: 'production' },
      { cwd: dir, home },
    );
    expect(apps[0]).toMatchObject({
      instances: 3,
      exec_mode: 'cluster',
      min_uptime: 5000,
      autorestart: false,
    });
    expect(apps[0]!.env).toEqual({ APP_MODE: 'production', FORMAT: 'cjs' });
  });

  it('a file exporting apps under another name is loaded as an ecosystem file', async () => {
    const { apps } = await appsFromTarget('tool.js', {}, { cwd: dir, home });
    expect(apps.map((a) => a.name)).toEqual(['viaexports']);
  });

  it('a bad flag is RESILAB_E_USAGE naming the flag as typed', async () => {
    const error = await failure(
      appsFromTarget('server.js', { instances: 'lots', minUptime: 'soon' }, { cwd: dir, home }),
    );
    expect(error.code).toBe('RESILAB_E_USAGE');
    expect(error.message).toBe(
      `--instances: expected a number, 'max' or -1, got "lots"\n--min-uptime: expected a duration in ms or like "1s", got "soon"`,
    );
  });

  it('a nonexistent target → RESILAB_E_SCRIPT_NOT_FOUND', async () => {
    const error = await failure(appsFromTarget('nope.js', {}, { cwd: dir, home }));
    expect(error.code).toBe('RESILAB_E_SCRIPT_NOT_FOUND');
    expect(error.message).toContain(join(dir, 'nope.js'));
  });
});
