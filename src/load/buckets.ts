// The pure reducer of the load generator: raw samples (responses and errors, timestamped in the
// worker) → contiguous fixed-size windows of outcome counts and latency. No clock, no I/O.
import type { EpochMs, LoadBucket } from '../types.js';
import { summarizeLatency } from './histogram.js';

export { percentile, summarizeLatency } from './histogram.js';

/**
 * One completed response (status, latency in ms; `service`: from the send, open model), one error
 * (its code or message), or, open model only, one arrival or one dropped arrival at its scheduled time.
 */
export type LoadSample =
  | { t: EpochMs; status: number; latency: number; service?: number }
  | { t: EpochMs; error: string }
  | { t: EpochMs; arrival: true }
  | { t: EpochMs; dropped: true };

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

function emptyBucket(t_start: EpochMs, t_end: EpochMs, open: boolean): LoadBucket {
  const bucket: LoadBucket = {
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
  return open ? { ...bucket, service_latency: null, offered: 0, dropped: 0 } : bucket;
}

/** The window [from, to) cut into buckets of bucketMs; the last is shorter when the span does not divide. */
export interface BucketWindow {
  from: EpochMs;
  to: EpochMs;
  bucketMs: number;
  /** Open model: buckets also count arrivals and dropped arrivals, and hold the service latency. */
  open?: boolean;
}

/**
 * Samples → contiguous buckets covering [from, to). A bucket holds the samples with
 * t_start <= t < t_end; the last bucket also holds a sample at exactly `to`. Samples outside the
 * window are ignored. Latency comes from the 2xx and non-2xx responses completed in the bucket;
 * arrivals and dropped arrivals count in the bucket of their scheduled time.
 */
export function bucketize(samples: readonly LoadSample[], window: BucketWindow): LoadBucket[] {
  const { from, to, bucketMs } = window;
  const open = window.open ?? false;
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs: expected a positive number, got ${bucketMs}`);
  if (!(to > from)) return [];
  const count = Math.ceil((to - from) / bucketMs);
  const buckets: LoadBucket[] = [];
  const latencies: number[][] = [];
  const services: number[][] = [];
  for (let i = 0; i < count; i++) {
    buckets.push(emptyBucket(from + i * bucketMs, Math.min(to, from + (i + 1) * bucketMs), open));
    latencies.push([]);
    services.push([]);
  }
  for (const sample of samples) {
    if (sample.t < from || sample.t > to) continue;
    const index = Math.min(count - 1, Math.floor((sample.t - from) / bucketMs));
    const bucket = buckets[index] as LoadBucket;
    if ('error' in sample) {
      bucket[classifyError(sample.error)] += 1;
    } else if ('arrival' in sample) {
      if (open) bucket.offered = (bucket.offered ?? 0) + 1;
    } else if ('dropped' in sample) {
      if (open) bucket.dropped = (bucket.dropped ?? 0) + 1;
    } else {
      if (sample.status >= 200 && sample.status < 300) bucket.ok_2xx += 1;
      else bucket.non_2xx += 1;
      latencies[index]?.push(sample.latency);
      if (open) services[index]?.push(sample.service ?? sample.latency);
    }
  }
  buckets.forEach((bucket, i) => {
    bucket.latency = summarizeLatency(latencies[i] ?? []);
    if (open) bucket.service_latency = summarizeLatency(services[i] ?? []);
  });
  return buckets;
}
