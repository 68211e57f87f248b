// restart-vs-reload, --quick, cluster variant: the restart stops one worker after another (as PM2
// does), so it never leaves the port without a worker; the rolling reload starts each replacement
// before it stops the old worker. Each fault has its own window. (The single variant shows downtime
// for both: its reload is a restart, as crash-recovery shows.)
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario restart-vs-reload', () => {
  it('in cluster mode neither refuses a connection; the restart stops before it starts, the reload starts first', async () => {
    const results = await runBuiltin('restart-vs-reload', {
      factor: 0.5,
      variants: ['cluster'],
      // a reload of two instances boots two processes one after another: give it room on a busy box
      load: { warmup_ms: 0, duration_ms: 7000 },
      faultsAt: [1500, 3800],
    });
    const cluster = variant(results, 'cluster');
    const restart = fault(cluster, 'restart');
    const reload = fault(cluster, 'reload');
    expect(restart.ok, restart.error ?? '').toBe(true);
    expect(cluster.events.some((e) => e.type === 'reload-end' && e.ok)).toBe(true);

    // never zero workers: no connection refused by either (PM2's restart refused 586–1,695 under
    // 50 connections: it also restarts in turn, but kills workers that still get connections)
    expect(restart.metrics.refused_connects ?? 0).toBe(0);
    expect(reload.metrics.refused_connects ?? 0).toBe(0);
    expect(reload.metrics.reload_failed_requests).toBe(0);
    // restart: each old worker is stopped before its replacement spawns, one instance after the
    // other; reload: each replacement spawns before its old worker stops
    const at = (type: string, instance: number, from: number, to: number) =>
      cluster.events.find((e) => e.type === type && e.instance === instance && e.t >= from && e.t < to)?.t ??
      NaN;
    const end = Number.POSITIVE_INFINITY;
    expect(at('stopped', 0, restart.t, reload.t)).toBeLessThan(at('spawn', 0, restart.t, reload.t));
    expect(at('listening', 0, restart.t, reload.t)).toBeLessThan(at('stopping', 1, restart.t, reload.t));
    expect(at('spawn', 0, reload.t, end)).toBeLessThan(at('stopping', 0, reload.t, end));
    // both instances were replaced by each: 2 + 2 expected exits, no crash
    expect(cluster.events.filter((e) => e.type === 'exit' && e.expected && e.t < reload.t)).toHaveLength(2);
    expect(cluster.events.filter((e) => e.type === 'exit' && !e.expected)).toHaveLength(0);
  });
});
