import { describe, expect, it } from 'vitest';
import { figureOf } from '../../../src/catalog.js';
import { mergeLatency } from '../../../src/metrics/latency.js';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };
const shape = (p50: number, p90: number, p99: number, max: number, count = 100) => ({
  count,
  p50,
  p90,
  p99,
  max,
});

describe('latency from autocannon buckets', () => {
  it('reads one bucket back exactly', () => {
    const [b] = buckets(0, 100, { latency: shape(2, 5, 9, 30) });
    expect(mergeLatency([b!])).toEqual({ p50: 2, p90: 5, p99: 9, p999: null, max: 30 });
  });

  it('merges buckets weighted by their response counts', () => {
    const fast = buckets(0, 900, { latency: shape(1, 2, 3, 4, 90) });
    const slow = buckets(900, 1000, { latency: shape(100, 110, 120, 130, 90) });
    const merged = mergeLatency([...fast, ...slow])!;
    // 9 of 10 buckets are fast: the median is fast, p99 is in the slow bucket's range.
    expect(merged.p50).toBeLessThan(4);
    expect(merged.p99).toBeGreaterThan(100);
    expect(merged.max).toBe(130);
    expect(mergeLatency([])).toBeNull();
  });

  it('leaves out windows with connection errors and the window after: stale latency is not reported', () => {
    const v = variantRecord({
      loadMs: 5000,
      buckets: [
        ...buckets(0, 2000, { latency: 2 }),
        // A reset in the third second: autocannon reports a 2 s latency in it and the next second.
        ...buckets(2000, 4000, (t) => ({ latency: 2000, resets: t === 2000 ? 1 : 0 })),
        ...buckets(4000, 5000, { latency: 3 }),
      ],
    });
    const result = computeVariant(v, floor);
    expect(result.metrics.latency_max_ms).toBe(3);
    expect(result.metrics.latency_p99_ms).toBeLessThanOrEqual(3);
    expect(result.flags).toContainEqual(
      expect.objectContaining({
        metric: 'latency_p99_ms',
        code: 'latency_tainted',
        message: expect.stringContaining('2 of 5'),
      }),
    );
  });

  it('is null with latency_tainted when every window had connection errors (refused counts too)', () => {
    const v = variantRecord({ loadMs: 3000, buckets: buckets(0, 3000, { latency: 2000, refused: 5 }) });
    const result = computeVariant(v, floor);
    for (const m of ['latency_p50_ms', 'latency_p90_ms', 'latency_p99_ms', 'latency_max_ms']) {
      expect(figureOf(result.metrics, m)).toBeNull();
      expect(result.flags).toContainEqual(expect.objectContaining({ metric: m, code: 'latency_tainted' }));
    }
  });

  it('reports clean latency without a flag', () => {
    const result = computeVariant(variantRecord({ loadMs: 2000 }), floor);
    expect(result.metrics.latency_p50_ms).toBe(2);
    expect(result.flags.filter((f) => f.code === 'latency_tainted')).toEqual([]);
  });
});
