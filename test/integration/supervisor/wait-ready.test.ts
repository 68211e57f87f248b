// wait_ready with the app PM2's docs show: listen first, send 'ready' later. The instance must be
// marked ready (no listen-timeout), and a cluster reload must wait for each new instance's ready.
import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { FIXTURES, freePort } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

const APP = `${FIXTURES}apps/listen-then-ready.js`;
/** Long enough that waiting for it instead of 'ready' would show as a listen-timeout event. */
const LISTEN_TIMEOUT = 20_000;

describe('wait_ready: listen, then process.send("ready")', () => {
  it('fork mode: the instance goes listening → ready, with no listen-timeout', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [info] = await supervisor.start([
      appConfig(APP, {
        name: 'lr',
        wait_ready: true,
        listen_timeout: LISTEN_TIMEOUT,
        env: { PORT: String(port) },
      }),
    ]);
    expect(info).toMatchObject({ state: 'ready', exec_mode: 'fork' });
    expect(log.types()).toEqual(['spawn', 'online', 'listening', 'ready']);
  });

  it('cluster mode ×2: start waits for ready; a reload stops each old worker only after its replacement is ready', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const app = appConfig(APP, {
      name: 'lrc',
      exec_mode: 'cluster',
      instances: 2,
      wait_ready: true,
      listen_timeout: LISTEN_TIMEOUT,
      env: { PORT: String(port) },
    });
    const before = await supervisor.start([app]);
    expect(before.map((i) => i.state)).toEqual(['ready', 'ready']);
    await supervisor.reload('lrc');
    const after = supervisor.list();
    expect(after.map((i) => i.state)).toEqual(['ready', 'ready']);
    const at = (type: string, pid: number | null) =>
      log.events.findIndex((e) => e.type === type && e.pid === pid);
    for (const [k, old] of before.entries()) {
      const fresh = after[k]?.pid ?? null;
      expect(fresh).not.toBe(old.pid);
      expect(at('listening', fresh)).toBeGreaterThan(-1);
      expect(at('ready', fresh)).toBeGreaterThan(at('listening', fresh));
      expect(at('stopping', old.pid)).toBeGreaterThan(at('ready', fresh));
    }
    // The second replacement starts only once the first old worker is stopped (reload_concurrency 1).
    expect(at('spawn', after[1]?.pid ?? null)).toBeGreaterThan(at('stopped', before[0]?.pid ?? null));
    expect(log.of('listen-timeout')).toEqual([]);
    expect(log.of('reload-end')).toMatchObject([{ ok: true }]);
  });
});
