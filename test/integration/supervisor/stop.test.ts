import { afterEach, describe, expect, it } from 'vitest';
import type { Supervisor } from '../../../src/supervisor/supervisor.js';
import { appConfig } from '../../helpers/app-config.js';
import {
  FIXTURES,
  freePort,
  isAlive,
  SAMPLE_APPS,
  track,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

const APPS = `${FIXTURES}apps/`;

/** Collects the apps' output lines; wait() resolves with the first match (the app got that far). */
function lines(supervisor: Supervisor) {
  const seen: string[] = [];
  supervisor.on('log', (l) => seen.push(l.line));
  return {
    seen,
    wait: (pattern: RegExp) =>
      waitFor(`a line matching ${pattern}`, () => seen.map((l) => pattern.exec(l)).find(Boolean)),
  };
}

describe('stop', () => {
  it('SIGINT: an app with no shutdown code exits gracefully through the agent, not forced', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [info] = await supervisor.start([
      appConfig(`${SAMPLE_APPS}bare-app.js`, { name: 'bare', env: { PORT: String(port) } }),
    ]);
    await supervisor.stop('bare');
    expect(log.of('stopping')[0]).toMatchObject({ reason: 'stop', pid: info?.pid });
    expect(log.of('exit')[0]).toMatchObject({ expected: true, code: 0 });
    expect(log.of('stopped')[0]).toMatchObject({ forced: false });
    expect(supervisor.list()[0]?.state).toBe('stopped');
    expect(log.of('restart-scheduled')).toEqual([]);
    expect(await waitGone([info?.pid ?? 0])).toEqual([]);
  });

  it('shutdown_with_message: the app gets the shutdown message and exits on it', async () => {
    const { supervisor, log } = supervised();
    const output = lines(supervisor);
    await supervisor.start([
      appConfig(`${APPS}shutdown-message.js`, {
        name: 'msg',
        shutdown_with_message: true,
        listen_timeout: 200,
      }),
    ]);
    await output.wait(/^up$/);
    await supervisor.stop('msg');
    expect(output.seen).toContain('shutdown message');
    expect(log.of('exit')[0]).toMatchObject({ expected: true, code: 0, signal: null });
    expect(log.of('stopped')[0]).toMatchObject({ forced: false });
  });

  it('SIGKILL after kill_timeout when the app ignores SIGINT: stopped says forced, after the timeout', async () => {
    const { supervisor, log } = supervised();
    const output = lines(supervisor);
    await supervisor.start([
      appConfig(`${APPS}ignores-sigint.js`, { name: 'stubborn', kill_timeout: 300, listen_timeout: 100 }),
    ]);
    await output.wait(/^up$/);
    await supervisor.stop('stubborn');
    const stopped = log.of('stopped')[0];
    expect(stopped?.forced).toBe(true);
    expect(stopped?.duration_ms).toBeGreaterThanOrEqual(300);
    expect(log.of('exit')[0]).toMatchObject({ signal: 'SIGKILL', expected: true });
  });

  it("ends the whole tree: the app's own child is gone after the stop", async () => {
    const { supervisor } = supervised();
    const output = lines(supervisor);
    await supervisor.start([appConfig(`${APPS}spawns-a-child.js`, { name: 'parent', listen_timeout: 100 })]);
    const childPid = Number((await output.wait(/^child (\d+)$/))[1]);
    track(childPid);
    expect(isAlive(childPid)).toBe(true);
    await supervisor.stop('parent');
    expect(await waitGone([childPid])).toEqual([]);
  });

  it('an unknown target is RESILAB_E_UNKNOWN_APP', async () => {
    const { supervisor } = supervised();
    await expect(supervisor.stop('nope')).rejects.toMatchObject({ code: 'RESILAB_E_UNKNOWN_APP' });
    expect(() => supervisor.signal('nope', 0, 'SIGTERM')).toThrow(/nope/);
  });
});

describe('readiness', () => {
  it('wait_ready: up only at ready (online → ready), start resolves then', async () => {
    const { supervisor, log } = supervised();
    const [info] = await supervisor.start([
      appConfig(`${APPS}ready-after-1s.js`, { name: 'slow', wait_ready: true, listen_timeout: 10_000 }),
    ]);
    expect(info?.state).toBe('ready');
    expect(log.types()).toEqual(['spawn', 'online', 'ready']);
  });

  it('listen_timeout: an app that never gets ready is given up on with a listen-timeout event', async () => {
    const { supervisor, log } = supervised();
    const [info] = await supervisor.start([
      appConfig(`${APPS}never-ready.js`, { name: 'never', wait_ready: true, listen_timeout: 1500 }),
    ]);
    expect(info?.state).toBe('online');
    expect(log.of('listen-timeout')[0]).toMatchObject({ app: 'never', timeout_ms: 1500 });
    expect(log.types()).toEqual(['spawn', 'online', 'listen-timeout']);
  });
});
