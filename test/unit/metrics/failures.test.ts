import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };

describe('failed_requests and refused_connects', () => {
  it('failed = non-2xx + resets + timeouts + other errors, over the whole load', () => {
    const v = variantRecord({
      loadMs: 3000,
      buckets: [
        ...buckets(0, 1000, { non_2xx: 2 }), // 10 buckets × 2
        ...buckets(1000, 2000, (t) => (t === 1500 ? { resets: 7, timeouts: 3, other_errors: 1 } : {})),
        ...buckets(2000, 3000),
      ],
    });
    expect(computeVariant(v, floor).metrics.failed_requests).toBe(20 + 7 + 3 + 1);
  });

  it('a refused-connection storm is not N failed requests: it is counted apart', () => {
    const v = variantRecord({
      buckets: [
        ...buckets(0, 4000),
        ...buckets(4000, 4500, { rps: 0, refused: 3000 }),
        ...buckets(4500, 10_000),
      ],
      faults: [faultRecord(4000)],
    });
    const result = computeVariant(v, floor);
    expect(result.metrics.failed_requests).toBe(0);
    expect(result.metrics.refused_connects).toBe(15_000);
    expect(result.faults[0]?.metrics).toMatchObject({ failed_requests: 0, refused_connects: 15_000 });
  });

  it('per fault: from the fault to the next fault; the bucket the fault struck in counts for the fault', () => {
    const v = variantRecord({
      buckets: buckets(
        0,
        10_000,
        (t) => (t === 3950 || t === 6000 ? { resets: 1 } : t === 1000 ? { non_2xx: 5 } : {}),
        50,
      ),
      faults: [faultRecord(3990), faultRecord(6000)],
    });
    const result = computeVariant(v, floor);
    // [3950, 4000) ends after the first fault: it is the first fault's; [6000, 6050) is the second's.
    expect(result.faults.map((f) => f.metrics.failed_requests)).toEqual([1, 1]);
    // The variant counts the steady state too.
    expect(result.metrics.failed_requests).toBe(7);
  });

  it('ignores what happened outside the load (warm-up, after load end)', () => {
    const v = variantRecord({
      loadMs: 2000,
      buckets: [
        ...buckets(-1000, 0, { resets: 50 }),
        ...buckets(0, 2000),
        ...buckets(2000, 2500, { resets: 50 }),
      ],
    });
    expect(computeVariant(v, floor).metrics.failed_requests).toBe(0);
  });
});
