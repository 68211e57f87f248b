// restart-vs-reload, --quick, cluster variant: the restart (all instances at once) turns clients away,
// the rolling reload of the same app a moment later fails nothing. Each fault has its own window.
// (The single variant shows downtime for both: its reload is a restart, as crash-recovery shows.)
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario restart-vs-reload', () => {
  it('in cluster mode the reload fails far fewer requests and has a shorter gap than the restart', async () => {
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

    const turnedAway = (m: typeof restart.metrics) => (m.failed_requests ?? 0) + (m.refused_connects ?? 0);
    // the restart stops both instances: nobody listens until one is back
    expect(turnedAway(restart.metrics)).toBeGreaterThan(0);
    expect(reload.metrics.reload_failed_requests).toBe(0);
    expect(turnedAway(reload.metrics)).toBeLessThan(turnedAway(restart.metrics));
    expect(restart.metrics.downtime_ms ?? 0).toBeGreaterThan(2 * (reload.metrics.downtime_ms ?? Infinity));
    // both instances were replaced by each: 2 + 2 expected exits, no crash
    expect(cluster.events.filter((e) => e.type === 'exit' && e.expected && e.t < reload.t)).toHaveLength(2);
    expect(cluster.events.filter((e) => e.type === 'exit' && !e.expected)).toHaveLength(0);
  });
});
