// The PM2 lesson end to end through the built CLI and a real background daemon:
// start → list → crash → restart count → reload without a failed request → logs → flush → save →
// kill (every pid gone) → resurrect → the same apps back → kill.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DaemonClient } from '../../../../src/cli/pm2/client.js';
import type { SupervisorEvent } from '../../../../src/types.js';
import { cli, listJson, probeDuring, trackDaemon, withTempHome } from '../../../helpers/daemon.js';
import {
  BIN,
  freePort,
  isAlive,
  SAMPLE_APPS,
  spawnTracked,
  track,
  waitFor,
} from '../../../helpers/processes.js';

let dir = '';
let home = '';
withTempHome('resilab-daemon-', (d, h) => {
  dir = d;
  home = h;
});

/** Waits for the first event matching `match` on the daemon's stream. */
async function nextEvent(
  match: (event: SupervisorEvent) => boolean,
): Promise<{ event: Promise<SupervisorEvent>; client: DaemonClient }> {
  const client = await DaemonClient.connect(home);
  let resolve: (event: SupervisorEvent) => void = () => {};
  const event = new Promise<SupervisorEvent>((r) => {
    resolve = r;
  });
  await client.subscribe(null, { event: (e) => match(e) && resolve(e) });
  return { event, client };
}

describe('PM2-style commands on the background daemon', () => {
  it('runs the lesson: start, crash, reload, logs, flush, save, kill, resurrect', async () => {
    const port = await freePort();
    writeFileSync(
      join(dir, 'ecosystem.config.js'),
      `module.exports = { apps: [{ name: 'api', script: ${JSON.stringify(`${SAMPLE_APPS}http-app.js`)}, instances: 2, exec_mode: 'cluster', env: { PORT: '${port}' } }] };\n`,
    );

    // start: a detached daemon with its own pid file and a 0600 socket in a 0700 home.
    const started = await cli(home, ['start', 'ecosystem.config.js', '--json'], dir);
    expect(started.code, started.stderr).toBe(0);
    const daemon = trackDaemon(home);
    expect(daemon).not.toBeNull();
    expect(statSync(join(home, 'daemon.sock')).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const first = JSON.parse(started.stdout) as {
      app: string;
      pid: number;
      state: string;
      restarts: number;
    }[];
    expect(first.map((row) => [row.app, row.state])).toEqual([
      ['api', 'listening'],
      ['api', 'listening'],
    ]);
    for (const row of first) track(row.pid);

    // crash one instance: the list shows its restart and a new pid.
    const crashed = first[0]!.pid;
    const replaced = await nextEvent((e) => e.type === 'listening' && e.instance === 0 && e.pid !== crashed);
    process.kill(crashed, 'SIGKILL');
    track((await replaced.event).pid ?? undefined);
    replaced.client.close();
    const afterCrash = await listJson(home, dir);
    expect(afterCrash.map((row) => row.restarts)).toEqual([1, 0]);
    expect(afterCrash[0]!.pid).not.toBe(crashed);
    expect(afterCrash[1]!.pid).toBe(first[1]!.pid);

    // reload: new pids, and not one failed fresh-connection probe while it ran; logs follow the new processes.
    const follower = spawnTracked(process.execPath, [BIN, 'logs', 'api', '--lines', '0'], {
      cwd: dir,
      env: { ...process.env, RESILAB_HOME: home },
    });
    await waitFor('logs to follow the stream', () => follower.errors().includes('following api'));
    const reload = cli(home, ['reload', 'api'], dir);
    const probes = await probeDuring(port, reload);
    expect((await reload).code).toBe(0);
    expect(probes.failed).toBe(0);
    expect(probes.ok).toBeGreaterThan(5);
    const afterReload = await listJson(home, dir);
    for (const row of afterReload) track(row.pid ?? undefined);
    const oldPids = new Set(afterCrash.map((row) => row.pid));
    expect(afterReload.filter((row) => oldPids.has(row.pid))).toEqual([]);
    await waitFor('the followed log lines of both new processes', () =>
      afterReload.every((row) => follower.output().includes(`|api  | http-app ${row.pid} listening`)),
    );
    const followerExit = new Promise((resolve) => follower.once('exit', (code) => resolve(code)));
    follower.kill('SIGINT');
    expect(await followerExit).toBe(0);

    // logs --nostream: the files' last lines, with PM2's prefix; flush empties them.
    const logs = await cli(home, ['logs', 'api', '--nostream', '--lines', '50'], dir);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(new RegExp(`^0\\|api  \\| http-app ${afterReload[0]!.pid} listening`, 'm'));
    const flushed = await cli(home, ['flush', 'api'], dir);
    expect(flushed.code).toBe(0);
    const files = flushed.stdout.trim().split('\n');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(readFileSync(file, 'utf8')).toBe('');

    // save, then kill: the daemon and every app process are gone.
    expect((await cli(home, ['save'], dir)).code).toBe(0);
    const dump = JSON.parse(readFileSync(join(home, 'dump.json'), 'utf8'));
    expect(dump.apps.map((app: { name: string; instances: number }) => [app.name, app.instances])).toEqual([
      ['api', 2],
    ]);
    const killed = await cli(home, ['kill', '--json'], dir);
    expect(killed.code, killed.stderr).toBe(0);
    const { pids } = JSON.parse(killed.stdout) as { pids: number[] };
    expect(pids.sort()).toEqual(afterReload.map((row) => row.pid).sort());
    for (const pid of [daemon!, ...pids]) expect(isAlive(pid), `pid ${pid}`).toBe(false);

    // resurrect: the same apps back under a new daemon; then kill again.
    const resurrected = await cli(home, ['resurrect', '--json'], dir);
    expect(resurrected.code, resurrected.stderr).toBe(0);
    const back = JSON.parse(resurrected.stdout) as { app: string; pid: number; state: string }[];
    for (const row of back) track(row.pid);
    expect(back.map((row) => [row.app, row.state])).toEqual([
      ['api', 'listening'],
      ['api', 'listening'],
    ]);
    const second = trackDaemon(home);
    expect(second).not.toBe(daemon);
    const final = await cli(home, ['kill'], dir);
    expect(final.code).toBe(0);
    for (const pid of [second!, ...back.map((row) => row.pid)])
      expect(isAlive(pid), `pid ${pid}`).toBe(false);
  });
});
