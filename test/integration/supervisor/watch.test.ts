import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../../../src/clock.js';
import { SupervisorClient } from '../../../src/runner/managers/resilab.js';
import { EventLog } from '../../helpers/events.js';
import { loadWhile } from '../../helpers/load.js';
import { cleanup, FIXTURES, freePort, track, waitGone } from '../../helpers/processes.js';
import { startRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

let client: SupervisorClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
  expect(await cleanup()).toEqual([]);
});

/** A temp copy of the fixture app with a file to touch, a node_modules folder and a log file. */
function appDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'resilab-watch-app-'));
  copyFileSync(`${FIXTURES}apps/http.js`, join(dir, 'http.js'));
  writeFileSync(join(dir, 'config.json'), '{}');
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  mkdirSync(join(dir, 'tmp'));
  const app = { name: 'web', script: 'http.js', watch: true, ignore_watch: ['tmp'] };
  writeFileSync(join(dir, 'ecosystem.json'), JSON.stringify({ apps: [app] }));
  return dir;
}

/** Fork: the ecosystem file (watch, ignore_watch: ['tmp']); cluster: the script with --watch. */
async function startWatched(dir: string, log: EventLog, instances?: string) {
  const port = await freePort();
  const c = await SupervisorClient.start({
    target: instances ? join(dir, 'http.js') : join(dir, 'ecosystem.json'),
    flags: instances ? { instances, name: 'web', watch: true } : {},
    env: { PORT: String(port) },
    cwd: dir,
    home: mkdtempSync(join(tmpdir(), 'resilab-watch-home-')),
    onEvent: log.push,
  });
  client = c;
  track(c.pid);
  return { c, port };
}

describe('watch (resilab runtime --watch)', () => {
  it('fork: a burst of 5 writes restarts the app once; node_modules, *.log and ignore_watch do not', async () => {
    const dir = appDir();
    const log = new EventLog();
    const { c } = await startWatched(dir, log);
    const [before] = await c.list();
    // Two files in turn: the kernel merges identical events in a row, not these.
    for (let n = 0; n < 5; n++) writeFileSync(join(dir, n % 2 ? 'extra.json' : 'config.json'), `{"n": ${n}}`);
    const restart = await log.waitFor('watch-restart');
    expect(restart).toMatchObject({ app: 'web', path: 'config.json', action: 'restart' });
    expect(restart.changes).toBeGreaterThanOrEqual(5);
    const up = await log.waitFor('listening', (e) => e.pid !== before?.pid);
    expect(log.of('stopping').map((e) => [e.pid, e.reason])).toEqual([
      [before?.pid, 'file changed: config.json'],
    ]);

    // Ignored paths first, then a watched one: the next burst is named by the watched file alone.
    writeFileSync(join(dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;');
    writeFileSync(join(dir, 'app.log'), 'a line\n');
    writeFileSync(join(dir, 'tmp', 'cache.js'), '1'); // ignore_watch: ['tmp']
    writeFileSync(join(dir, 'http.js'), `${'\n'}// edited\n`, { flag: 'a' });
    const second = await log.waitFor('watch-restart', () => true, 2);
    expect(second).toMatchObject({ path: 'http.js' });
    await log.waitFor('listening', (e) => e.pid !== up.pid && e.pid !== before?.pid);
    expect(log.of('watch-restart')).toHaveLength(2);
    expect(log.of('spawn')).toHaveLength(3); // the start, then one per burst
    expect(await waitGone([before?.pid ?? 0, up.pid ?? 0])).toEqual([]);
  });

  it('cluster: a change under load is a rolling reload with no failed request', async () => {
    const dir = appDir();
    const log = new EventLog();
    const { c, port } = await startWatched(dir, log, '2');
    const before = (await c.list()).map((i) => i.pid ?? 0);
    const { ok, failed, result, duringDone } = await loadWhile(`http://127.0.0.1:${port}/`, {
      connections: 10,
      durationS: 3,
      after: 200,
      during: async () => {
        writeFileSync(join(dir, 'config.json'), '{"v": 2}');
        return log.waitFor('reload-end');
      },
    });
    const loadEnd = now();
    const end = await duringDone;
    expect(end).toMatchObject({ ok: true });
    expect((end as { t: number }).t).toBeLessThan(loadEnd); // the whole reload happened under load
    expect(log.of('watch-restart')).toMatchObject([{ path: 'config.json', action: 'reload' }]);
    const after = (await c.list()).map((i) => i.pid ?? 0);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(log.of('stopping').every((e) => e.reason === 'file changed: config.json')).toBe(true);
    expect(failed).toBe(0);
    expect(result.errors + result.timeouts + result.non2xx).toBe(0);
    expect(ok).toBeGreaterThan(200);
    expect(await waitGone(before)).toEqual([]);
  });

  it('an app errored by a crash loop comes back when the bug is fixed and saved', async () => {
    const dir = appDir();
    writeFileSync(join(dir, 'broken.js'), "throw new Error('bug');\n");
    const app = { name: 'fixme', script: 'broken.js', watch: ['broken.js'], max_restarts: 2 };
    writeFileSync(join(dir, 'fixme.config.json'), JSON.stringify({ apps: [app] }));
    const run = startRuntime(
      [join(dir, 'fixme.config.json'), '--no-auto-exit'],
      { PORT: String(await freePort()) },
      dir,
    );
    await waitForEvents(run, 'errored');
    copyFileSync(`${FIXTURES}apps/http.js`, join(dir, 'broken.js'));
    const [listening] = await waitForEvents(run, 'listening');
    expect(run.events().filter((e) => e.type === 'watch-restart')).toMatchObject([
      { path: 'broken.js', action: 'restart' },
    ]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await waitGone([listening?.pid ?? 0])).toEqual([]);
  });

  it('the runtime exits on SIGINT with its watchers closed; a missing watch path is bad input', async () => {
    const dir = appDir();
    const run = startRuntime([join(dir, 'http.js'), '--watch'], { PORT: String(await freePort()) }, dir);
    const [listening] = await waitForEvents(run, 'listening');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await waitGone([listening?.pid ?? 0])).toEqual([]);

    writeFileSync(
      join(dir, 'eco.config.json'),
      JSON.stringify({ apps: [{ script: 'http.js', watch: ['nope'] }] }),
    );
    const bad = startRuntime([join(dir, 'eco.config.json')], {}, dir);
    expect(await bad.exited).toBe(2);
    expect(bad.child.errors()).toMatch(/http\.watch: cannot watch ".*\/nope" \(ENOENT\)/);
    expect(bad.events()).toEqual([]); // nothing started
  });
});
