// The engine on a fake launcher and a fake memory sampler: start and rolling reload under
// wait_ready, and memory-limit restarts in both modes. No process starts; the clock is fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../src/supervisor/engine.js';
import type { Sampler } from '../../../src/supervisor/memory-watch.js';
import type { AppConfig, SupervisorEvent } from '../../../src/types.js';
import { appConfig } from '../../helpers/app-config.js';
import { FakeLauncher, flush } from './fake-launcher.js';

const homes: string[] = [];
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** An engine over fakes, with its events and a sampler whose answers the test sets per pid. */
function setup() {
  const launcher = new FakeLauncher();
  const events: SupervisorEvent[] = [];
  const rss = new Map<number, number>();
  const sampler: Sampler = async (pid) => ({ memory: rss.get(pid) ?? 10, cpu: 1 });
  const home = mkdtempSync(join(tmpdir(), 'resilab-engine-'));
  homes.push(home);
  /** cron_restart schedules by pattern: the test fires a tick with cron.get(pattern)?.tick(). */
  const cron = new Map<string, { tick: () => void; stopped: boolean }>();
  const engine = new Engine(home, { event: (e) => events.push(e), log: () => undefined }, [], {
    launcher,
    sampler,
    cron: (pattern, tick) => {
      const schedule = { tick, stopped: false };
      cron.set(pattern, schedule);
      return {
        stop: () => {
          schedule.stopped = true;
        },
      };
    },
  });
  const order = (pids: Map<number, string>) =>
    events
      .filter((e) => e.pid !== null && pids.has(e.pid))
      .map((e) => `${e.type}:${pids.get(e.pid as number)}`);
  return { launcher, events, rss, engine, order, cron };
}

/** Starts app and brings every process up the way `up` says; resolves with the start's result. */
async function started(s: ReturnType<typeof setup>, app: AppConfig, up: (n: number) => void) {
  const result = s.engine.start([app]);
  await flush();
  for (let n = 0; n < app.instances; n++) up(n);
  return result;
}

describe('engine under wait_ready (cluster ×2, listen first, ready 300 ms later)', () => {
  it('start waits for ready; a rolling reload waits for each new instance ready, not listen_timeout', async () => {
    const s = setup();
    const app = appConfig('app.js', {
      exec_mode: 'cluster',
      instances: 2,
      wait_ready: true,
      listen_timeout: 3000,
    });
    const start = s.engine.start([app]);
    await flush();
    for (const c of s.launcher.children) c.online().listen();
    let startDone = false;
    void start.then(() => {
      startDone = true;
    });
    await flush(300);
    expect(startDone).toBe(false);
    for (const c of s.launcher.children) c.ready();
    expect((await start).map((i) => i.state)).toEqual(['ready', 'ready']);

    const olds = [...s.launcher.children];
    const reload = s.engine.reload('app');
    for (let n = 0; n < 2; n++) {
      await flush();
      const next = s.launcher.last;
      next.online().listen();
      await flush(300);
      expect(olds[n]?.signals).toEqual([]);
      next.ready();
    }
    await reload;
    const names = new Map<number, string>();
    for (const [n, c] of s.launcher.children.entries()) names.set(c.pid, n < 2 ? `old${n}` : `new${n - 2}`);
    const order = s.order(names).filter((e) => /^(ready|stopping|stopped):/.test(e));
    expect(order).toEqual([
      'ready:old0',
      'ready:old1',
      'ready:new0',
      'stopping:old0',
      'stopped:old0',
      'ready:new1',
      'stopping:old1',
      'stopped:old1',
    ]);
    expect(s.events.filter((e) => e.type === 'listen-timeout')).toEqual([]);
    expect(s.events.find((e) => e.type === 'reload-end')).toMatchObject({ ok: true });
    await s.engine.shutdown();
  });
});

describe('memory limit', () => {
  it('cluster: the replacement starts first, the old process stops once it is up', async () => {
    const s = setup();
    const app = appConfig('app.js', {
      exec_mode: 'cluster',
      max_memory_restart: 100,
      memory_check_interval: 100,
    });
    await started(s, app, (n) => s.launcher.children[n]?.online().listen());
    const old = s.launcher.last;
    s.rss.set(old.pid, 200);
    await flush(100);
    expect(s.events.find((e) => e.type === 'memory-limit')).toMatchObject({
      pid: old.pid,
      rss: 200,
      limit: 100,
    });
    expect(s.launcher.children).toHaveLength(2);
    expect(old.signals).toEqual([]);
    s.launcher.last.online().listen();
    await flush();
    expect(old.signals).toEqual(['SIGINT']);
    await flush(100);
    expect(s.engine.list()).toMatchObject([
      { pid: s.launcher.last.pid, state: 'listening', restarts: 1, rss: 10 },
    ]);
    expect(s.events.filter((e) => e.type === 'memory-limit')).toHaveLength(1);
    await s.engine.shutdown();
  });

  it('fork: the old process stops, then the new one starts (a restart)', async () => {
    const s = setup();
    const app = appConfig('app.js', {
      exec_mode: 'fork',
      max_memory_restart: 100,
      memory_check_interval: 100,
    });
    await started(s, app, (n) => s.launcher.children[n]?.online().listen());
    const old = s.launcher.last;
    s.rss.set(old.pid, 200);
    await flush(100);
    expect(old.signals).toEqual(['SIGINT']);
    expect(s.launcher.children).toHaveLength(2);
    const names = new Map([
      [old.pid, 'old'],
      [s.launcher.last.pid, 'new'],
    ]);
    expect(s.order(names).slice(-4)).toEqual(['stopping:old', 'exit:old', 'stopped:old', 'spawn:new']);
    s.launcher.last.online().listen();
    await flush();
    expect(s.engine.list()).toMatchObject([{ pid: s.launcher.last.pid, state: 'listening', restarts: 1 }]);
    await s.engine.shutdown();
  });
});

describe('restart of a cluster (as PM2: one instance after another, never zero workers)', () => {
  it('stops the next instance only once the previous one is up again', async () => {
    const s = setup();
    const app = appConfig('app.js', { exec_mode: 'cluster', instances: 2 });
    await started(s, app, (n) => s.launcher.children[n]?.online().listen());
    const [old0, old1] = s.launcher.children;
    const restart = s.engine.restart('app');
    await flush();
    expect(old0?.signals).toEqual(['SIGINT']);
    expect(s.launcher.children).toHaveLength(3);
    await flush(500); // the first new worker is not up yet: the second old one still serves
    expect(old1?.signals).toEqual([]);
    expect(s.engine.list().filter((i) => i.state === 'listening')).toHaveLength(1);
    s.launcher.last.online().listen();
    await flush();
    expect(old1?.signals).toEqual(['SIGINT']);
    s.launcher.last.online().listen();
    await restart;
    const names = new Map<number, string>();
    for (const [n, c] of s.launcher.children.entries()) names.set(c.pid, n < 2 ? `old${n}` : `new${n - 2}`);
    expect(s.order(names).filter((e) => /^(listening|stopped):/.test(e))).toEqual([
      'listening:old0',
      'listening:old1',
      'stopped:old0',
      'listening:new0',
      'stopped:old1',
      'listening:new1',
    ]);
    expect(s.engine.list()).toMatchObject([{ restarts: 1 }, { restarts: 1 }]);
    await s.engine.shutdown();
  });
});

describe('cron_restart', () => {
  it('restarts the live instances in turn at each tick; stopped apps stay stopped; shutdown ends the schedule', async () => {
    const s = setup();
    const app = appConfig('app.js', { exec_mode: 'cluster', instances: 2, cron_restart: '*/2 * * * * *' });
    await started(s, app, (n) => s.launcher.children[n]?.online().listen());
    const schedule = s.cron.get('*/2 * * * * *');
    expect(schedule).toBeDefined();
    schedule?.tick();
    await flush();
    schedule?.tick(); // a tick during the restart is skipped, not queued
    await flush();
    expect(s.events.filter((e) => e.type === 'cron-restart')).toMatchObject([
      { app: 'app', instance: null, pattern: '*/2 * * * * *' },
    ]);
    s.launcher.last.online().listen();
    await flush();
    s.launcher.last.online().listen();
    await flush();
    expect(s.launcher.children).toHaveLength(4);
    expect(s.engine.list()).toMatchObject([
      { state: 'listening', restarts: 1 },
      { state: 'listening', restarts: 1 },
    ]);
    await s.engine.stop('app');
    schedule?.tick();
    await flush();
    expect(s.launcher.children).toHaveLength(4);
    expect(s.events.filter((e) => e.type === 'cron-restart')).toHaveLength(1);
    await s.engine.shutdown();
    expect(schedule?.stopped).toBe(true);
  });
});
