// The watchdog and the health check on a fake launcher: when a process counts as hung or unhealthy,
// what is done with it in fork and cluster mode (kill then policy; replacement first), the events'
// order, the restart counter, and gate_ready. No process starts; timers are fake.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { heartbeatPeriod } from '../../../src/supervisor/heartbeat.js';
import type { HealthCheckConfig } from '../../../src/types.js';
import { flush, harness } from './fake-launcher.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const check = (over: Partial<HealthCheckConfig> = {}): HealthCheckConfig => ({
  path: '/health',
  interval: 200,
  timeout: 100,
  failures: 3,
  gate_ready: false,
  ...over,
});

describe('event-loop watchdog (heartbeat_timeout)', () => {
  it('asks a tenth of the timeout apart, between 10 and 250 ms', () => {
    expect([heartbeatPeriod(1000), heartbeatPeriod(50), heartbeatPeriod(60_000)]).toEqual([100, 10, 250]);
  });

  it('a process that keeps answering is never hung, however long it runs', async () => {
    const h = harness({ heartbeat_timeout: 500 });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen();
    await flush(60_000);
    expect(h.types()).toEqual(['spawn', 'online', 'listening']);
    expect(
      h.launcher.last.sent.filter((m) => (m as { resilab?: string }).resilab === 'heartbeat').length,
    ).toBeGreaterThan(100);
  });

  it('fork: no answer for the timeout → hung (since ≥ timeout), SIGINT, SIGKILL after the grace, restart by policy', async () => {
    const h = harness({ heartbeat_timeout: 1000, kill_timeout: 5000 });
    await h.locked(() => h.instance.spawn());
    const child = h.launcher.last.online().listen();
    await flush(500);
    child.hang();
    await flush(899); // the last answer came at most a period (100 ms) before the hang
    expect(h.types()).not.toContain('hung');
    for (let t = 0; t < 300 && !h.types().includes('hung'); t += 5) await flush(5);
    const hung = h.events.find((e) => e.type === 'hung');
    expect(hung).toMatchObject({ pid: child.pid, timeout_ms: 1000, action: 'kill' });
    expect((hung as { since_ms: number }).since_ms).toBeGreaterThanOrEqual(1000);
    expect(h.instance.state).toBe('hung');
    await flush(200);
    expect(child.signals).toEqual(['SIGINT', 'SIGKILL']); // after 100 ms, not kill_timeout
    expect(h.types(child.pid)).toEqual(['spawn', 'online', 'listening', 'hung', 'exit']);
    const exit = h.events.find((e) => e.type === 'exit');
    expect(exit).toMatchObject({ expected: false, signal: 'SIGKILL' });
    expect(h.types()).toContain('restart-scheduled');
    expect(h.instance.info().restarts).toBe(1);
    expect(h.launcher.children.length).toBe(2);
  });

  it('autorestart off: a hung process is killed and stays stopped', async () => {
    const h = harness({ heartbeat_timeout: 1000, autorestart: false, exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen().hang();
    await flush(2000);
    expect(h.events.find((e) => e.type === 'hung')).toMatchObject({ action: 'kill' });
    expect(h.instance.state).toBe('stopped');
    expect(h.launcher.children.length).toBe(1);
  });

  it('cluster: out of rotation at once, the replacement starts first, and the hung one is SIGKILLed without waiting for it', async () => {
    const h = harness({ heartbeat_timeout: 1000, exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    const old = h.launcher.last.online().listen();
    await flush(100);
    old.hang();
    await flush(1100);
    expect(old.disconnected).toBe(true);
    expect(h.launcher.children.length).toBe(2);
    expect(old.exited).toBe(true); // it serves nothing and would burn a core while the new one boots
    expect(old.signals).toEqual(['SIGINT', 'SIGKILL']);
    h.launcher.last.online().listen();
    await flush(300);
    const order = h.events.map((e) => `${e.type}:${e.pid === old.pid ? 'old' : 'new'}`);
    expect(order.slice(3)).toEqual([
      'hung:old',
      'spawn:new',
      'exit:old',
      'online:new',
      'listening:new',
      'stopped:old',
    ]);
    expect(h.events.find((e) => e.type === 'hung')).toMatchObject({ action: 'replace' });
    expect(h.events.find((e) => e.type === 'exit')).toMatchObject({ signal: 'SIGKILL', expected: false });
    expect(h.instance.info().restarts).toBe(1);
    expect(h.instance.state).toBe('listening');
  });

  it('cluster: when the replacement fails, the dead hung process is restarted, not left current', async () => {
    const h = harness({ heartbeat_timeout: 1000, exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen().hang();
    await flush(1200);
    h.launcher.last.exit(1); // the replacement dies before it is up
    await flush(10);
    expect(h.launcher.children.length).toBe(3);
    h.launcher.last.online().listen();
    await flush(10);
    expect(h.instance.state).toBe('listening');
  });

  it('the watchdog starts once the process is up: a long boot is not a hang', async () => {
    const h = harness({ heartbeat_timeout: 200, listen_timeout: 3000 });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.hang(); // its loop is busy booting: no answer
    await flush(2000);
    expect(h.types()).toEqual(['spawn']);
  });
});

describe('health_check', () => {
  it('failures in a row → unhealthy with the last error; a pass in between resets the count', async () => {
    const h = harness({ health_check: check({ failures: 3 }) });
    await h.locked(() => h.instance.spawn());
    const child = h.launcher.last.online().listen();
    child.healthy = false;
    await flush(350); // checks at 0 and 200 fail
    child.healthy = true;
    await flush(200); // 400 passes
    child.healthy = false;
    await flush(300); // 600 and 800 fail
    expect(h.types()).not.toContain('unhealthy');
    await flush(200);
    expect(h.events.find((e) => e.type === 'unhealthy')).toMatchObject({
      pid: child.pid,
      path: '/health',
      failures: 3,
      error: 'GET /health answered 500',
      action: 'kill',
    });
  });

  it('an unhealthy process can still run its handler: the polite stop gets kill_timeout', async () => {
    const h = harness({ health_check: check({ failures: 1 }), kill_timeout: 1600 });
    h.launcher.onStop = 'ignores';
    await h.locked(() => h.instance.spawn());
    const child = h.launcher.last.online().listen();
    child.healthy = false;
    await flush(100);
    expect(child.signals).toEqual(['SIGINT']);
    await flush(1000);
    expect(child.signals).toEqual(['SIGINT']);
    await flush(700);
    expect(child.signals).toEqual(['SIGINT', 'SIGKILL']);
  });

  it('a hung process fails its check by timeout', async () => {
    const h = harness({ health_check: check({ failures: 2 }), exec_mode: 'cluster' });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen();
    await flush(10);
    h.launcher.last.hang();
    await flush(600);
    expect(h.events.find((e) => e.type === 'unhealthy')).toMatchObject({
      error: 'no answer within 100 ms',
      action: 'replace',
    });
  });

  it('gate_ready: up only at the first pass (moved to ready); failures before it do not count', async () => {
    const h = harness({ health_check: check({ gate_ready: true, failures: 2 }), listen_timeout: 3000 });
    await h.locked(() => h.instance.spawn());
    let up = false;
    void h.instance.settled().then(() => {
      up = true;
    });
    const child = h.launcher.last.online().listen();
    child.healthy = false;
    await flush(1000); // ~20 failed checks while booting
    expect(up).toBe(false);
    expect(h.instance.state).toBe('listening');
    child.healthy = true;
    await flush(60);
    expect(up).toBe(true);
    expect(h.types()).toEqual(['spawn', 'online', 'listening', 'ready']);
  });

  it('without gate_ready the process is up at listening, before any check', async () => {
    const h = harness({ health_check: check() });
    await h.locked(() => h.instance.spawn());
    h.launcher.last.online().listen();
    expect(await h.instance.settled()).toBe('up');
  });
});
