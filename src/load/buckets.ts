// The pure reducer of the load generator: raw samples (responses and errors, timestamped in the
// worker) → contiguous fixed-size windows of outcome counts and latency. No clock, no I/O.
import type { EpochMs, LoadBucket } from '../types.js';

/** One completed response (status, latency in ms) or one error (its code or message), as the worker saw it. */
export type LoadSample = { t: EpochMs; status: number; latency: number } | { t: EpochMs; error: string };

/** How a failure counts in a bucket; see LoadBucket for what each class means. */
export type ErrorClass = 'resets' | 'refused' | 'timeouts' | 'other_errors';

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'EOF', 'ECONNABORTED']);

/** Maps an error code or message to its class, so refused connects never count as failed requests. */
export function classifyError(codeOrMessage: string): ErrorClass {
  if (RESET_CODES.has(codeOrMessage) || /socket hang up/i.test(codeOrMessage)) return 'resets';
  if (codeOrMessage === 'ECONNREFUSED') return 'refused';
  if (codeOrMessage === 'ETIMEDOUT' || /timed? ?out/i.test(codeOrMessage)) return 'timeouts';
  return 'other_errors';
}

/** Nearest-rank percentile of an ascending array (p in 0..100); the array is not empty. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Latency summary of the responses completed in one window, or null when there were none. */
export function summarizeLatency(latencies: number[]): LoadBucket['latency'] {
  if (latencies.length === 0) return null;
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  return {
    count: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values[values.length - 1] as number,
  };
}

function emptyBucket(t_start: EpochMs, t_end: EpochMs): LoadBucket {
  return {
    t_start,
    t_end,
    ok_2xx: 0,
    non_2xx: 0,
    resets: 0,
    refused: 0,
    timeouts: 0,
    other_errors: 0,
    latency: null,
  };
}

/** The window [from, to) cut into buckets of bucketMs; the last is shorter when the span does not divide. */
export interface BucketWindow {
  from: EpochMs;
  to: EpochMs;
  bucketMs: number;
}

/**
 * Samples → contiguous buckets covering [from, to). A bucket holds the samples with
 * t_start <= t < t_end; the last bucket also holds a sample at exactly `to`. Samples outside the
 * window are ignored. Latency comes from the 2xx and non-2xx responses completed in the bucket.
 */
export function bucketize(samples: readonly LoadSample[], window: BucketWindow): LoadBucket[] {
  const { from, to, bucketMs } = window;
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs: expected a positive number, got ${bucketMs}`);
  if (!(to > from)) return [];
  const count = Math.ceil((to - from) / bucketMs);
  const buckets: LoadBucket[] = [];
  const latencies: number[][] = [];
  for (let i = 0; i < count; i++) {
    buckets.push(emptyBucket(from + i * bucketMs, Math.min(to, from + (i + 1) * bucketMs)));
    latencies.push([]);
  }
  for (const sample of samples) {
    if (sample.t < from || sample.t > to) continue;
    const index = Math.min(count - 1, Math.floor((sample.t - from) / bucketMs));
    const bucket = buckets[index] as LoadBucket;
    if ('error' in sample) {
      bucket[classifyError(sample.error)] += 1;
      continue;
    }
    if (sample.status >= 200 && sample.status < 300) bucket.ok_2xx += 1;
    else bucket.non_2xx += 1;
    latencies[index]?.push(sample.latency);
  }
  buckets.forEach((bucket, i) => {
    bucket.latency = summarizeLatency(latencies[i] ?? []);
  });
  return buckets;
}
