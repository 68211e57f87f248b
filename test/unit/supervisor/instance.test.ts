// The instance on a fake launcher: when it counts as up (wait_ready), restarts by policy, stops with
// escalation, and replacement (reload) with a new process that fails or succeeds. No process starts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settled } from '../../../src/supervisor/instance.js';
import { flush, harness } from './fake-launcher.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Watches a promise so a test can ask whether it has settled yet. */
function watch(promise: Promise<Settled>) {
  const seen: { value: Settled | null } = { value: null };
  void promise.then((v) => {
    seen.value = v;
  });
  return seen;
}

describe.each(['fork', 'cluster'] as const)('wait_ready in %s mode', (exec_mode) => {
  it('listening first and ready later (PM2 documented pattern): up only at ready, no listen-timeout', async () => {
    const h = harness({ exec_mode, wait_ready: true, listen_timeout: 3000 });
    await h.locked(() => h.instance.spawn());
    const settled = watch(h.instance.settled());
    h.launcher.last.online().listen();
    await flush(1000);
    expect(h.instance.state).toBe('listening');
    expect(settled.value).toBeNull(); // listening alone is not up under wait_ready
    h.launcher.last.ready();
    await flush();
    expect(h.instance.state).toBe('ready');
    expect(settled.value).toBe('up');
    await flush(5000);
    expect(h.types()).toEqual(['spawn', 'online', 'listening', 'ready']);
  });

  it('ready before listening: up at ready; the later listening changes nothing', async () => {
    const h = harness({ exec_mode, wait_ready: true });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().ready();
    expect(await h.instance.settled()).toBe('up');
    h.launcher.last.listen();
    await flush(5000);
    expect(h.instance.state).toBe('ready');
    expect(h.types()).toEqual(['spawn', 'online', 'ready']);
  });

  it('ready without ever listening (a worker) is up', async () => {
    const h = harness({ exec_mode, wait_ready: true });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.ready();
    expect(await h.instance.settled()).toBe('up');
    expect(h.types()).toEqual(['spawn', 'online', 'ready']);
  });

  it('listening and never ready: listen-timeout after listen_timeout', async () => {
    const h = harness({ exec_mode, wait_ready: true, listen_timeout: 3000 });
    await h.locked(() => h.instance.spawn());
    const settled = watch(h.instance.settled());
    h.launcher.last.online().listen();
    await flush(2999);
    expect(settled.value).toBeNull();
    await flush(1);
    expect(settled.value).toBe('timeout');
    expect(h.types()).toEqual(['spawn', 'online', 'listening', 'listen-timeout']);
  });

  it('without wait_ready, listening is up and a ready message is ignored', async () => {
    const h = harness({ exec_mode, wait_ready: false });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen().ready();
    expect(await h.instance.settled()).toBe('up');
    expect(h.instance.state).toBe('listening');
  });
});

describe('restart policy in action', () => {
  it('a crash loop ends errored after max_restarts unstable exits, without more processes', async () => {
    const h = harness({ max_restarts: 3, min_uptime: 1000, restart_delay: 50 });
    await h.locked(() => h.instance.spawn());
    const settled = h.instance.settled();
    for (let n = 0; n < 3; n++) {
      h.launcher.last.online();
      h.launcher.last.exit(1);
      await flush(50);
    }
    expect(await settled).toBe('errored');
    expect(h.instance.state).toBe('errored');
    expect(h.launcher.children).toHaveLength(3);
    expect(h.types().filter((t) => t === 'restart-scheduled')).toHaveLength(2);
    expect(h.instance.info()).toMatchObject({ restarts: 2, unstable_restarts: 3, pid: null });
  });

  it('a stable run resets the unstable count', async () => {
    const h = harness({ max_restarts: 2, min_uptime: 1000 });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.exit(1); // unstable 1
    await flush();
    await flush(1500);
    h.launcher.last.exit(1); // up 1.5 s: stable
    await flush();
    expect(h.instance.state).toBe('launching');
    expect(h.instance.history.unstable).toBe(0);
  });

  it('stop during restart-wait cancels the restart', async () => {
    const h = harness({ restart_delay: 1000 });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen();
    h.launcher.last.exit(1);
    expect(h.instance.state).toBe('waiting-restart');
    await h.locked(() => h.instance.stop('stop'));
    await flush(2000);
    expect(h.instance.state).toBe('stopped');
    expect(h.launcher.children).toHaveLength(1);
    expect(h.types().slice(-3)).toEqual(['exit', 'restart-scheduled', 'stopped']);
  });
});

describe('stop', () => {
  it('an app that ignores SIGINT is killed after kill_timeout, and the stop says it was forced', async () => {
    const h = harness({ kill_timeout: 1600 });
    h.launcher.onStop = 'ignores';
    await h.locked(() => h.instance.spawn());
    const child = h.launcher.last.online().listen();
    const stopped = h.locked(() => h.instance.stop('stop'));
    await flush(1599);
    expect(child.signals).toEqual(['SIGINT']);
    expect(h.instance.state).toBe('stopping');
    await flush(1);
    await stopped;
    expect(child.signals).toEqual(['SIGINT', 'SIGKILL']);
    expect(h.events.at(-1)).toMatchObject({ type: 'stopped', forced: true });
    expect(h.events.find((e) => e.type === 'exit')).toMatchObject({ signal: 'SIGKILL', expected: true });
  });

  it('shutdown_with_message sends shutdown instead of SIGINT; a cluster worker is disconnected first', async () => {
    const h = harness({ exec_mode: 'cluster', shutdown_with_message: true });
    await h.locked(() => h.instance.spawn());
    const child = h.launcher.last.online().listen();
    await h.locked(() => h.instance.stop('stop'));
    expect(child.sent).toEqual(['shutdown']);
    expect(child.signals).toEqual([]);
    expect(child.disconnected).toBe(true);
    expect(h.events.at(-1)).toMatchObject({ type: 'stopped', forced: false });
  });
});

describe('replace (reload of one cluster instance)', () => {
  it('with wait_ready the new process must be ready before the old one is stopped', async () => {
    const h = harness({ exec_mode: 'cluster', wait_ready: true });
    await h.locked(() => h.instance.spawn());
    const old = h.launcher.last.online().listen().ready();
    const result = h.locked(() => h.instance.replace('reload', { V: '2' }));
    await flush();
    const next = h.launcher.last;
    next.online().listen();
    await flush(1000);
    expect(old.signals).toEqual([]); // listening alone is not up: the old one keeps serving
    next.ready();
    expect(await result).toEqual({ ok: true });
    expect(old.signals).toEqual(['SIGINT']);
    expect(next.env.V).toBe('2');
    const order = h.events.map((e) => `${e.type}:${e.pid === old.pid ? 'old' : 'new'}`);
    expect(order.indexOf('ready:new')).toBeLessThan(order.indexOf('stopping:old'));
    expect(h.instance.info()).toMatchObject({ pid: next.pid, state: 'ready', restarts: 1 });
  });

  it('a new process that exits during the reload fails it: the old one stays, with its env', async () => {
    const h = harness({ exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    const old = h.launcher.last.online().listen();
    const result = h.locked(() => h.instance.replace('reload', { V: 'bad' }));
    await flush();
    h.launcher.last.online().exit(1);
    expect(await result).toMatchObject({ ok: false });
    expect(old.signals).toEqual([]);
    expect(h.instance.info()).toMatchObject({ pid: old.pid, state: 'listening', restarts: 0 });
    expect(h.types()).not.toContain('restart-scheduled');
    void h.locked(() => h.instance.restart('restart')); // resolves once the new process is up
    await flush();
    expect(h.launcher.children).toHaveLength(3);
    expect(h.launcher.last.env.V).toBeUndefined();
  });

  it('an old process that crashes while its replacement starts is not restarted; the new one serves', async () => {
    const h = harness({ exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    const old = h.launcher.last.online().listen();
    const result = h.locked(() => h.instance.replace('reload'));
    await flush();
    old.exit(1);
    h.launcher.last.online().listen();
    expect(await result).toEqual({ ok: true });
    expect(h.launcher.children).toHaveLength(2);
    expect(h.types(old.pid)).toEqual(['spawn', 'online', 'listening', 'exit', 'stopped']);
    expect(h.instance.state).toBe('listening');
  });
});

describe('reset and env (PM2 `reset`, `env <id>`)', () => {
  it('reset zeroes the restart counters; env is the app env, --update-env over it, and the instance number', async () => {
    const h = harness({ env: { GREETING: 'hello', NODE_ENV: 'development' }, min_uptime: 1000 });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen();
    h.launcher.last.exit(1); // unstable: a restart is scheduled at once (restart_delay 0)
    await flush();
    h.launcher.last.online().listen();
    expect(h.instance.info()).toMatchObject({ restarts: 1, unstable_restarts: 1 });
    h.instance.resetCounters();
    expect(h.instance.info()).toMatchObject({ restarts: 0, unstable_restarts: 0, state: 'listening' });
    const restart = h.locked(() => h.instance.restart('restart', { GREETING: 'hola' }));
    await flush();
    h.launcher.last.online().listen();
    await restart;
    expect(h.instance.info()).toMatchObject({ restarts: 1, unstable_restarts: 0 });
    expect(h.instance.env()).toEqual({
      GREETING: 'hola',
      NODE_ENV: 'development',
      NODE_APP_INSTANCE: '0',
      name: 'app',
    });
    expect(h.launcher.last.env).toMatchObject({ GREETING: 'hola' });
    await h.locked(() => h.instance.stop('test'));
  });
});
