import { describe, expect, it } from 'vitest';
import { cpuPercent, withUsage } from '../../../src/host/usage.js';
import type { InstanceInfo } from '../../../src/types.js';

describe('instance usage for list and monit', () => {
  it('gives CPU % since the previous reading, or since the start on the first one', () => {
    expect(cpuPercent({ cpuSeconds: 1.5, at: 3000 }, { cpuSeconds: 1, at: 2000 }, 0)).toBe(50);
    expect(cpuPercent({ cpuSeconds: 0.5, at: 2000 }, null, 1000)).toBe(50);
    expect(cpuPercent({ cpuSeconds: 0.5, at: 2000 }, null, null)).toBeNull();
    expect(cpuPercent({ cpuSeconds: 1, at: 2000 }, { cpuSeconds: 1, at: 2000 }, 0)).toBeNull();
  });

  it.runIf(process.platform === 'linux')('reads a live process from /proc: its RSS and a CPU %', async () => {
    const row: InstanceInfo = {
      app: 'self',
      instance: 0,
      id: 0,
      pid: process.pid,
      state: 'listening',
      exec_mode: 'fork',
      restarts: 0,
      unstable_restarts: 0,
      started_at: Date.now() - 60_000,
      rss: null,
      cpu: null,
    };
    const [sampled] = await withUsage([row, { ...row, instance: 1, id: 1, pid: null }]);
    const rss = process.memoryUsage().rss;
    expect(sampled?.rss).toBeGreaterThan(rss / 2);
    expect(sampled?.rss).toBeLessThan(rss * 2);
    expect(sampled?.cpu).toBeGreaterThanOrEqual(0);
  });
});
