import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../src/catalog.js';
import { computeResults } from '../../../src/metrics/results.js';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, event, faultRecord, probes, runRecord, variantRecord } from '../../helpers/records.js';

describe('computeResults', () => {
  it('computes every catalog metric for every variant and keeps the record', () => {
    const record = runRecord([variantRecord({ name: 'single' }), variantRecord({ name: 'cluster' })]);
    const results = computeResults(record);
    expect(results.thresholds).toEqual([]);
    expect(results.scenario).toBe(record.scenario);
    expect(results.variants.map((v) => v.name)).toEqual(['single', 'cluster']);
    for (const v of results.variants)
      expect(Object.keys(v.metrics)).toEqual(expect.arrayContaining(Object.keys(METRICS)));
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
  });

  it('flags every variant of an interrupted run as partial', () => {
    const results = computeResults(
      runRecord([variantRecord({ phases: { load_end: null }, loadMs: 3000 })], { partial: true }),
    );
    expect(results.variants[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: '*', code: 'partial' }),
    );
    expect(results.variants[0]?.metrics.throughput_rps).toBe(1000);
  });
});

describe('a variant’s fault figures: the worst over its faults', () => {
  it('takes the longest timing, and a fault that never recovered makes it null, not a smaller number', () => {
    const v = variantRecord({
      probes: probes(
        0,
        10_000,
        (t) => ((t >= 2000 && t < 2100) || (t >= 5000 && t < 5400) ? 'refused' : 'ok'),
        { latency: 0 },
      ),
      events: [
        event('exit', 2010),
        event('listening', 2090, { pid: 1001 }),
        event('exit', 5020, { pid: 1001 }),
      ],
      faults: [faultRecord(2000), faultRecord(5000)],
    });
    const result = computeVariant(v, { floor: null });
    expect(result.faults.map((f) => f.metrics.downtime_ms)).toEqual([100, 400]);
    expect(result.metrics.downtime_ms).toBe(400);
    expect(result.metrics.detect_ms).toBe(20);
    // The second crash was never replaced: restart_ms is null for the variant, though the first one took 80 ms.
    expect(result.faults[0]?.metrics.restart_ms).toBe(80);
    expect(result.metrics.restart_ms).toBeNull();
    expect(result.flags).toContainEqual(
      expect.objectContaining({
        metric: 'restart_ms',
        code: 'no_recovery',
        message: expect.stringMatching(/^crash at 5s: /),
      }),
    );
  });

  it('counts the failures of the whole load, steady state included', () => {
    const v = variantRecord({
      buckets: buckets(0, 10_000, (t) => (t === 1000 || t === 6000 ? { resets: 3 } : {})),
      faults: [faultRecord(5000)],
    });
    const result = computeVariant(v, { floor: null });
    expect(result.faults[0]?.metrics.failed_requests).toBe(3);
    expect(result.metrics.failed_requests).toBe(6);
  });
});
