// hung-process, --quick, cluster variant: one instance frozen (SIGSTOP). The requests it holds wait
// until they time out while the other instance keeps answering; nothing notices: no exit, no restart.
import { afterEach, describe, expect, it } from 'vitest';
import { bucketsIn, sum } from '../../../src/metrics/spans.js';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario hung-process', () => {
  it('the frozen instance times requests out while the other keeps answering, and nothing restarts', async () => {
    const results = await runBuiltin('hung-process', {
      factor: 0.4,
      variants: ['cluster'],
      load: { warmup_ms: 0 },
    });
    const cluster = variant(results, 'cluster');
    const freeze = fault(cluster, 'freeze');
    expect(freeze.ok, freeze.error ?? '').toBe(true);
    expect(freeze.targets).toHaveLength(1);
    const frozen = freeze.targets[0]?.pid;
    const window = { start: freeze.t, end: freeze.t_end ?? freeze.t };
    expect(window.end - window.start).toBeGreaterThanOrEqual(1500);

    // the requests on the frozen instance's connections waited for the load timeout (1 s)
    const during = sum(bucketsIn(cluster.timeline.buckets, { start: window.start, end: window.end + 500 }));
    expect(during.timeouts).toBeGreaterThan(0);
    // …while the other instance answered, to the load and to fresh-connection probes
    expect(during.ok_2xx).toBeGreaterThan(0);
    const probes = cluster.timeline.probes.filter((p) => p.t_start >= window.start && p.t_end <= window.end);
    const answered = probes.filter((p) => p.ok);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((p) => p.pid === frozen)).toEqual([]);
    // no health check: the hung process was neither killed nor restarted
    expect(cluster.metrics.restarts).toBe(0);
    expect(
      cluster.events.filter((e) => e.type === 'exit' && e.t < (cluster.timeline.phases.load_end ?? 0)),
    ).toEqual([]);
  });
});
