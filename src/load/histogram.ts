// One window's latencies → its percentiles (exact, nearest rank) and its HdrHistogram, encoded, so
// windows merge later without error piling up (metrics/histogram.ts decodes and adds them). Values
// are recorded in microseconds with 2 significant digits: 1 % resolution at any scale, ~0.5 KB a window.
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { BucketLatency } from '../types.js';

/** The HdrHistogram settings every encoded window uses (µs, 1 µs to 1 hour, 2 significant digits). */
export const HDR = {
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  numberOfSignificantValueDigits: 2,
} as const;

/** Nearest-rank percentile of an ascending array (p in 0..100); the array is not empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** The latency summary of the responses completed in one window, or null when there were none. */
export function summarizeLatency(latencies: readonly number[]): BucketLatency | null {
  if (latencies.length === 0) return null;
  const sorted = Float64Array.from(latencies).sort();
  const histogram = build({ ...HDR, bitBucketSize: 32 });
  for (const ms of sorted) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const hdr = encodeIntoCompressedBase64(histogram);
  histogram.destroy();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted[sorted.length - 1] as number,
    hdr,
  };
}
