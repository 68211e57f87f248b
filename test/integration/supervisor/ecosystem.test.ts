import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, FIXTURES, freePort, waitFor } from '../../helpers/processes.js';
import { startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

const ECOSYSTEM = `${FIXTURES}ecosystem/`;

/** Writes an ecosystem file into a fresh directory. */
function ecosystemFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'resilab-ecofile-')), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('resilab runtime <ecosystem file>', () => {
  it.each([
    ['ecosystem.config.js', 'js', 2],
    ['ecosystem.config.cjs', 'cjs', 1],
    ['ecosystem.config.mjs', 'mjs', 1],
    ['ecosystem.json', 'json', 1],
    ['ecosystem.yml', 'yml', 1],
  ])('%s starts with --env production applied', async (file, format, instances) => {
    const port = await freePort();
    const run = startRuntime([`${ECOSYSTEM}${file}`, '--env', 'production'], { PORT: String(port) });
    const listening = await waitForEvents(run, 'listening', instances);
    expect(listening.map((e) => [e.app, e.type === 'listening' ? e.port : null])).toEqual(
      Array(instances).fill(['web', port]),
    );
    await waitFor('the app output', () =>
      run.child.output().includes(`APP_MODE=production FORMAT=${format}`),
    );
    expect(run.child.errors()).not.toContain('resilab:');
    expect(await stopRuntime(run)).toBe(0);
  });

  it('without --env, env alone applies', async () => {
    const run = startRuntime([`${ECOSYSTEM}ecosystem.json`], { PORT: String(await freePort()) });
    await waitFor('the app output', () => run.child.output().includes('APP_MODE=development FORMAT=json'));
    expect(await stopRuntime(run)).toBe(0);
  });

  it('a bad file exits 2 with the path-and-value message and starts nothing', async () => {
    const file = ecosystemFile('bad.config.json', {
      apps: [{ script: `${ECOSYSTEM}env-app.js`, instances: 'lots', min_uptime: 'soon' }],
    });
    const run = startRuntime([file], { PORT: String(await freePort()) });
    expect(await run.exited).toBe(2);
    expect(run.child.errors()).toBe(
      `resilab: ${file}: 2 problems:\n` +
        `  apps[0].instances: expected a number, 'max' or -1, got "lots"\n` +
        `  apps[0].min_uptime: expected a duration in ms or like "1s", got "soon" [RESILAB_E_ECOSYSTEM]\n`,
    );
    expect(existsSync(run.eventsFile) ? run.events() : []).toEqual([]);
    expect(run.child.output()).toBe('');
  });

  it('a missing script exits 2 naming the path', async () => {
    const file = ecosystemFile('ecosystem.config.json', { apps: [{ script: 'gone.js' }] });
    const run = startRuntime([file]);
    expect(await run.exited).toBe(2);
    // Read from where resilab runs (PM2's rule), then next to the file; the message names both.
    expect(run.child.errors()).toContain('apps[0].script: no such file ');
    expect(run.child.errors()).toContain(`then next to the file: ${join(file, '..')}`);
    expect(run.child.errors()).toContain('[RESILAB_E_SCRIPT_NOT_FOUND]');
  });

  it('a nonexistent target exits 2', async () => {
    const run = startRuntime(['no-such-app.js'], {}, tmpdir());
    expect(await run.exited).toBe(2);
    expect(run.child.errors()).toMatch(/no such file .*no-such-app\.js.*\[RESILAB_E_SCRIPT_NOT_FOUND\]/);
  });

  it('a bad flag exits 2 naming the flag', async () => {
    const run = startRuntime([`${ECOSYSTEM}env-app.js`, '-i', 'lots']);
    expect(await run.exited).toBe(2);
    expect(run.child.errors()).toContain(
      `--instances: expected a number, 'max' or -1, got "lots" [RESILAB_E_USAGE]`,
    );
  });

  it('unknown keys print one warning and the app starts', async () => {
    const port = await freePort();
    const run = startRuntime([`${ECOSYSTEM}single-app.json`], { PORT: String(port) });
    await waitForEvents(run, 'listening');
    const warnings = run.child
      .errors()
      .split('\n')
      .filter((line) => line.includes('unknown keys'));
    expect(warnings).toEqual([
      'resilab: apps[0]: unknown keys ignored: "instancs" (did you mean "instances"?), "foo"',
    ]);
    expect(await stopRuntime(run)).toBe(0);
  });
});
