import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { event, faultRecord, probe, probes, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };

describe('downtime_ms: the longest interval after the fault with no successful probe', () => {
  it('is measured between successful probes’ completions', () => {
    const v = variantRecord({
      probes: probes(0, 10_000, (t) => (t >= 4000 && t < 4300 ? 'refused' : 'ok'), { latency: 2 }),
      faults: [faultRecord(4000)],
    });
    const f = computeVariant(v, floor).faults[0]!;
    // Probes started from 4000 to 4290 were refused; the one started at 4300 succeeded at 4302. The
    // previous success completed at 3992, before the fault: the gap is counted from the fault.
    expect(f.metrics.downtime_ms).toBe(302);
    expect(f.flags.filter((x) => x.metric === 'downtime_ms')).toEqual([]);
  });

  it('a gap still open at the end counts to the end AND flags no_recovery', () => {
    const v = variantRecord({
      probes: probes(0, 10_000, (t) => (t < 4000 ? 'ok' : 'refused')),
      faults: [faultRecord(4000)],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics.downtime_ms).toBe(6000);
    expect(result.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'downtime_ms', code: 'no_recovery' }),
    );
    expect(result.metrics.downtime_ms).toBe(6000);
    expect(result.flags).toContainEqual(
      expect.objectContaining({
        metric: 'downtime_ms',
        code: 'no_recovery',
        message: expect.stringMatching(/^crash at 4s: /),
      }),
    );
  });

  it('is null with no_probe when the probe was off', () => {
    const result = computeVariant(variantRecord({ probes: [], faults: [faultRecord(4000)] }), floor);
    expect(result.faults[0]?.metrics.downtime_ms).toBeNull();
    expect(result.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'downtime_ms', code: 'no_probe' }),
    );
    expect(result.metrics.probe_availability).toBeNull();
  });
});

describe('time_to_first_success_ms', () => {
  it('counts from the fault to the first success of a probe that STARTED after the fault', () => {
    const v = variantRecord({
      probes: [
        ...probes(0, 3990),
        // In flight across the fault and answered: proves nothing about the service after the fault.
        probe(3995, 'ok', 20),
        ...probes(4000, 4500, 'refused'),
        ...probes(4500, 10_000, 'ok', { latency: 3 }),
      ],
      faults: [faultRecord(4000)],
    });
    expect(computeVariant(v, floor).faults[0]?.metrics.time_to_first_success_ms).toBe(503);
  });

  it('does not count an answer from the process the fault ended', () => {
    const v = variantRecord({
      probes: [
        ...probes(0, 4000),
        probe(4001, 'ok', 1, 1000),
        ...probes(4010, 4200, 'refused'),
        probe(4200, 'ok', 2, 1001),
      ],
      events: [event('exit', 4005, { pid: 1000 }), event('listening', 4150, { pid: 1001 })],
      faults: [faultRecord(4000)],
    });
    expect(computeVariant(v, floor).faults[0]?.metrics.time_to_first_success_ms).toBe(202);
  });

  it('no recovery → null and no_recovery, never 0', () => {
    const v = variantRecord({
      probes: probes(0, 10_000, (t) => (t < 4000 ? 'ok' : 'timeout')),
      faults: [faultRecord(4000)],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics.time_to_first_success_ms).toBeNull();
    expect(result.metrics.time_to_first_success_ms).toBeNull();
    expect(result.flags).toContainEqual(
      expect.objectContaining({ metric: 'time_to_first_success_ms', code: 'no_recovery' }),
    );
  });
});

describe('probe latency and availability (fresh connections: always valid)', () => {
  it('are the p50/p99 of successful probes and the share that succeeded, during the load', () => {
    const v = variantRecord({
      loadMs: 1000,
      probes: [
        ...probes(0, 900, 'ok', { latency: 2 }),
        ...probes(900, 1000, 'refused'),
        ...probes(1000, 2000, 'refused'),
      ],
    });
    const m = computeVariant(v, floor).metrics;
    expect(m.probe_availability).toBe(0.9);
    expect(m.probe_latency_p50_ms).toBe(2);
    expect(m.probe_latency_p99_ms).toBe(2);
  });
});
