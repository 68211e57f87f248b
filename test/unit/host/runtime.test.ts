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
  it('is ok only when every instance is listening or ready', () => {
    expect(notReady([row('listening', 0), row('ready', 1)])).toBeNull();
    expect(notReady([row('listening', 0), row('errored', 1)])).toBe(
      'api:1 is errored (not listening or ready)',
    );
    expect(notReady([row('online', 0)])).toMatch(/api:0 is online/);
  });
});
