// crash-loop, --quick: a deploy that crashes on boot. Fork (deployed by restart): restarts with a
// growing backoff, then errored after max_restarts unstable exits. Cluster (deployed by a rolling
// reload): every replacement dies before it listens, the reload fails, the old processes keep serving.
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../../src/types.js';
import { builtin, expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

type Of<T extends SupervisorEvent['type']> = Extract<SupervisorEvent, { type: T }>;

describe('built-in scenario crash-loop', () => {
  it('fork: backoff delays grow until errored; cluster: the failed reload keeps the old version up', async () => {
    const { max_restarts, exp_backoff_restart_delay } = (await builtin('crash-loop')).app.supervisor;
    expect(max_restarts).toBe(3);
    const results = await runBuiltin('crash-loop', {
      factor: 0.6,
      // three boots of a crashing app (up to a second each on a busy box) plus 100 + 150 ms of backoff
      load: { warmup_ms: 0, duration_ms: 5000 },
      faultsAt: [1500],
    });

    const single = variant(results, 'single');
    const deploy = fault(single, 'boot-crash');
    const after = single.events.filter((e) => e.t >= deploy.t);
    const scheduled = after.filter((e): e is Of<'restart-scheduled'> => e.type === 'restart-scheduled');
    expect(scheduled.map((e) => e.delay_ms)).toEqual(
      [100, 150].map((d) => (d * Number(exp_backoff_restart_delay)) / 100),
    );
    const errored = after.find((e): e is Of<'errored'> => e.type === 'errored');
    expect(errored, 'an errored event').toBeDefined();
    expect(after.filter((e) => e.type === 'exit' && !e.expected)).toHaveLength(Number(max_restarts));
    expect(after.some((e) => e.type === 'spawn' && e.t > (errored?.t ?? 0))).toBe(false);
    expect(single.metrics.restarts).toBe(Number(max_restarts) - 1);
    // and the service stayed down: the last probes all failed
    const lastProbes = single.timeline.probes.filter((p) => p.t_start > (errored?.t ?? Infinity));
    expect(lastProbes.length).toBeGreaterThan(0);
    expect(lastProbes.every((p) => !p.ok)).toBe(true);

    const cluster = variant(results, 'cluster');
    const reload = fault(cluster, 'boot-crash');
    const end = cluster.events.find((e): e is Of<'reload-end'> => e.type === 'reload-end');
    expect(end?.ok).toBe(false);
    const old = new Set(
      cluster.events.filter((e) => e.type === 'listening' && e.t < reload.t).map((e) => e.pid),
    );
    expect(old.size).toBe(2);
    // the new processes died on boot (never listening); no old process was stopped before the end
    const load_end = cluster.timeline.phases.load_end ?? Infinity;
    expect(cluster.events.filter((e) => e.type === 'exit' && !e.expected && e.t > reload.t)).toHaveLength(2);
    expect(cluster.events.some((e) => e.type === 'listening' && e.t > reload.t)).toBe(false);
    expect(cluster.events.some((e) => e.type === 'stopping' && old.has(e.pid) && e.t < load_end)).toBe(false);
    // after the deploy, the port was never closed and every answer came from an old process
    const probes = cluster.timeline.probes.filter((p) => p.t_start > reload.t && p.t_end < load_end);
    expect(probes.filter((p) => p.ok).length).toBeGreaterThan(0);
    expect(probes.filter((p) => p.error === 'refused' || p.error === 'reset')).toEqual([]);
    expect(probes.filter((p) => p.ok && !old.has(p.pid))).toEqual([]);
    expect(reload.metrics.failed_requests).toBe(0);
    expect(reload.metrics.refused_connects).toBe(0);
  });
});
