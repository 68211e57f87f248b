import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };

describe('throughput_rps: 2xx per 1 s window in steady state', () => {
  it('is the mean and p50 of the whole 1 s windows before the first fault', () => {
    const rates = [1000, 1200, 800, 3000];
    const v = variantRecord({
      buckets: [
        ...buckets(0, 4000, (t) => ({ rps: rates[Math.floor(t / 1000)] })),
        // After the fault: far lower, and not part of the steady state.
        ...buckets(4000, 10_000, { rps: 10 }),
      ],
      faults: [faultRecord(4000)],
    });
    const m = computeVariant(v, floor).metrics;
    expect(m.throughput_rps).toBe(1500);
    expect(m.throughput_p50_rps).toBe(1100);
  });

  it('uses the whole load when there is no fault, and leaves a short tail window out', () => {
    const v = variantRecord({
      loadMs: 2500,
      buckets: [...buckets(0, 2000, { rps: 500 }), ...buckets(2000, 2500, { rps: 5000 })],
    });
    const result = computeVariant(v, floor);
    expect(result.metrics.throughput_rps).toBe(500);
    // Only the open model's figures are flagged: not measured by the closed model.
    expect(result.flags.filter((f) => f.code !== 'closed_model')).toEqual([]);
  });

  it('counts only 2xx: non-2xx answers are not throughput', () => {
    const v = variantRecord({ loadMs: 2000, buckets: buckets(0, 2000, { rps: 600, non_2xx: 40 }) });
    expect(computeVariant(v, floor).metrics.throughput_rps).toBe(600);
  });

  it('starts when the load generator does: its empty start is not the app’s throughput', () => {
    const v = variantRecord({
      buckets: [...buckets(0, 450, { rps: 0, latency: null }), ...buckets(450, 10_000, { rps: 800 })],
      faults: [faultRecord(2450)],
    });
    expect(computeVariant(v, floor).metrics.throughput_rps).toBe(800);
  });

  it('measures a steady state of 0.5–1 s as one shorter window', () => {
    const v = variantRecord({ buckets: buckets(0, 10_000, { rps: 700 }), faults: [faultRecord(600)] });
    const result = computeVariant(v, floor);
    expect(result.metrics.throughput_rps).toBe(700);
    expect(result.flags.filter((f) => f.metric.startsWith('throughput'))).toEqual([]);
  });

  it('is null with no_steady_state when less than 0.5 s of load comes before the first fault', () => {
    const result = computeVariant(variantRecord({ faults: [faultRecord(400)] }), floor);
    expect(result.metrics.throughput_rps).toBeNull();
    expect(result.metrics.throughput_p50_rps).toBeNull();
    expect(result.flags).toContainEqual(
      expect.objectContaining({ metric: 'throughput_rps', code: 'no_steady_state' }),
    );
    expect(result.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'capacity_recovery_ms', code: 'no_steady_state' }),
    );
  });

  it('flags the throughput figures when the load generator was CPU-saturated', () => {
    const result = computeVariant(variantRecord({ loadgen: { cpu_saturated: true } }), floor);
    expect(result.metrics.throughput_rps).toBe(1000);
    const codes = result.flags.filter((f) => f.code === 'loadgen_saturated').map((f) => f.metric);
    expect(codes).toEqual(['throughput_rps', 'throughput_p50_rps']);
  });
});
