import { describe, expect, it } from 'vitest';
import { bucketize, type LoadSample } from '../../../src/load/buckets.js';
import { mergeLatency } from '../../../src/metrics/latency.js';
import { computeVariant } from '../../../src/metrics/variant.js';
import { at, buckets, faultRecord, variantRecord } from '../../helpers/records.js';

/** Open-model buckets from samples: `latencies` (from the schedule) in the first half, 2 ms service. */
function openBuckets(
  fromMs: number,
  toMs: number,
  latencyOf: (i: number) => number,
): ReturnType<typeof bucketize> {
  const samples: LoadSample[] = [];
  for (let t = fromMs, i = 0; t < toMs; t += 1, i++) {
    samples.push({ t: at(t), arrival: true });
    samples.push({ t: at(t) + 0.5, status: 200, latency: latencyOf(i), service: 2 });
  }
  return bucketize(samples, { from: at(fromMs), to: at(toMs), bucketMs: 100, open: true });
}

describe("the open model's figures", () => {
  it("merges the buckets' HDR histograms exactly: p99.9 of 10,000 latencies, 1 % resolution", () => {
    // 1 … 10,000 ms spread over 100 buckets in a shuffled order: no bucket alone knows the p99.9.
    const all = openBuckets(0, 10_000, (i) => ((i * 7919) % 10_000) + 1);
    const merged = mergeLatency(all, 'latency');
    expect(merged?.p50).toBeCloseTo(5000, -2);
    expect(Math.abs((merged?.p999 ?? 0) - 9990) / 9990).toBeLessThan(0.01);
    expect(merged?.max).toBe(10_000);
    expect(mergeLatency(all, 'service_latency')?.p99).toBeCloseTo(2, 1);
  });

  it('offered_rps, dropped_requests; a refused connect is a failed arrival; latency is not left out after errors', () => {
    const load = openBuckets(0, 10_000, () => 3);
    // The fault's window: 50 arrivals dropped, 30 refused, 20 reset.
    const window = load.filter((b) => b.t_start >= at(5000) && b.t_start < at(6000));
    window.forEach((b, i) => {
      b.dropped = 5;
      b.refused = i < 3 ? 10 : 0;
      b.resets = i === 9 ? 20 : 0;
    });
    const v = variantRecord({ buckets: load, faults: [faultRecord(5000)] });
    const open = computeVariant(v, { floor: null, model: 'open' });
    expect(open.metrics.offered_rps).toBe(1000);
    expect(open.metrics.dropped_requests).toBe(50);
    expect(open.metrics.failed_requests).toBe(50);
    expect(open.faults[0]?.metrics.dropped_requests).toBe(50);
    expect(open.faults[0]?.metrics.failed_requests).toBe(50);
    expect(open.faults[0]?.metrics.fault_latency_p99_ms).toBeCloseTo(3, 1);
    expect(open.metrics.service_latency_p99_ms).toBeCloseTo(2, 1);
    expect(open.flags.filter((f) => f.code === 'latency_tainted')).toEqual([]);

    // The same record read as the closed model: refused connects apart, no drops, no schedule.
    const closed = computeVariant(v, { floor: null });
    expect(closed.metrics.failed_requests).toBe(20);
    expect(closed.metrics.dropped_requests).toBeNull();
    expect(closed.metrics.offered_rps).toBeNull();
    expect(closed.metrics.service_latency_p99_ms).toBeNull();
    expect(closed.flags.filter((f) => f.code === 'closed_model').map((f) => f.metric)).toContain(
      'dropped_requests',
    );
  });

  it('results written before the HDR histograms still merge (no p99.9)', () => {
    const old = buckets(0, 1000, { latency: 4 });
    expect(mergeLatency(old)).toEqual({ p50: 4, p90: 4, p99: 4, p999: null, max: 4 });
  });
});
