import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };
/** 1000 req/s steady, then the given rate per second after a fault at 4 s. */
const afterFault = (rates: number[]) =>
  variantRecord({
    buckets: [
      ...buckets(0, 4000),
      ...buckets(4000, 10_000, (t) => ({ rps: rates[Math.floor((t - 4000) / 1000)] })),
    ],
    faults: [faultRecord(4000)],
  });

describe('capacity_recovery_ms: fault → first 1 s window from which throughput stays ≥ 90 % of steady state', () => {
  it('is the start of the first window of the run of good windows that lasts to the end', () => {
    // Back to 950 in the third second, dips again in the fourth, good from the fifth on.
    const result = computeVariant(afterFault([0, 400, 950, 700, 900, 1000]), floor);
    expect(result.faults[0]?.metrics.capacity_recovery_ms).toBe(4000);
    expect(result.metrics.capacity_recovery_ms).toBe(4000);
  });

  it('is 0 when throughput never dropped below 90 %', () => {
    expect(
      computeVariant(afterFault([950, 990, 1000, 1000, 1000, 1000]), floor).metrics.capacity_recovery_ms,
    ).toBe(0);
  });

  it('no recovery → null and no_recovery, never 0', () => {
    const result = computeVariant(afterFault([1000, 1000, 1000, 1000, 1000, 500]), floor);
    expect(result.metrics.capacity_recovery_ms).toBeNull();
    expect(result.flags).toContainEqual(
      expect.objectContaining({ metric: 'capacity_recovery_ms', code: 'no_recovery' }),
    );
  });
});
