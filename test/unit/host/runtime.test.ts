import { describe, expect, it } from 'vitest';
import { notReady } from '../../../src/host/runtime-exit.js';
import type { InstanceInfo } from '../../../src/types.js';

describe('startup readiness', () => {
  const row = (state: InstanceInfo['state'], instance: number): InstanceInfo => ({
    app: 'api',
    instance,
    id: instance,
    pid: 1,
    state,
    exec_mode: 'cluster',
    restarts: 0,
    unstable_restarts: 0,
    started_at: 0,
    rss: null,
    cpu: null,
  });
  const api = { name: 'api', wait_ready: false, health_check: null };
  it('is ok only when every instance is listening or ready', () => {
    expect(notReady([row('listening', 0), row('ready', 1)], [api])).toBeNull();
    expect(notReady([row('listening', 0), row('errored', 1)], [api])).toBe(
      'api:1 is errored (not listening or ready)',
    );
    expect(notReady([row('online', 0)], [api])).toMatch(/api:0 is online/);
  });

  it('asks for ready from an app that waits for it: listening past listen_timeout is not up', () => {
    const waits = { ...api, wait_ready: true };
    expect(notReady([row('ready', 0), row('ready', 1)], [waits])).toBeNull();
    expect(notReady([row('ready', 0), row('listening', 1)], [waits])).toBe('api:1 is listening (not ready)');
    const check = { path: '/health', interval: 1000, timeout: 500, failures: 3, gate_ready: true };
    expect(notReady([row('listening', 0)], [{ ...api, health_check: check }])).toBe(
      'api:0 is listening (not ready)',
    );
  });
});
