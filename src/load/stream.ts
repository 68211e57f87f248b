// Turns the worker's batches into buckets as they complete, keeping only the samples of the open
// window in memory (a 12 s load at 90k req/s would otherwise hold a million samples). The cutting
// itself is the pure reducer in buckets.ts; this is only the bookkeeping around it.
import type { EpochMs, LoadBucket } from '../types.js';
import { bucketize, type LoadSample } from './buckets.js';

/** Accumulates samples and hands out every bucket once it can no longer change. */
export interface BucketStream {
  /** Adds samples; every sample before `upTo` has been seen. Returns the buckets completed by it. */
  push(samples: LoadSample[], upTo: EpochMs): LoadBucket[];
  /** Closes the last (possibly shorter) bucket at tEnd and returns the buckets not handed out yet; once. */
  finish(tEnd: EpochMs): LoadBucket[];
  /** Every bucket handed out so far, in order. */
  readonly buckets: readonly LoadBucket[];
}

/**
 * A stream of buckets of bucketMs starting at tStart; `open` for the open model's buckets, whose
 * `offered` counts come from `arrivedBefore(t)`: the arrivals due before t (Infinity: all so far).
 */
export function createBucketStream(
  tStart: EpochMs,
  bucketMs: number,
  open = false,
  arrivedBefore?: (t: EpochMs) => number,
): BucketStream {
  let pending: LoadSample[] = [];
  let emittedTo = tStart;
  let finished = false;
  const buckets: LoadBucket[] = [];

  function cut(to: EpochMs, inclusive: boolean): LoadBucket[] {
    const inside = pending.filter((s) => s.t < to || (inclusive && s.t === to));
    pending = pending.filter((s) => s.t >= to && !(inclusive && s.t === to));
    const done = bucketize(inside, { from: emittedTo, to, bucketMs, open });
    if (arrivedBefore) {
      let below = arrivedBefore(emittedTo);
      done.forEach((bucket, i) => {
        const last = i === done.length - 1;
        const upTo = arrivedBefore(last && inclusive ? Number.POSITIVE_INFINITY : bucket.t_end);
        bucket.offered = (bucket.offered ?? 0) + upTo - below;
        below = upTo;
      });
    }
    emittedTo = to;
    buckets.push(...done);
    return done;
  }

  return {
    buckets,
    push(samples, upTo) {
      if (finished) return [];
      for (const sample of samples) pending.push(sample);
      const boundary = tStart + Math.floor((upTo - tStart) / bucketMs) * bucketMs;
      return boundary > emittedTo ? cut(boundary, false) : [];
    },
    finish(tEnd) {
      if (finished) return [];
      finished = true;
      return tEnd > emittedTo ? cut(tEnd, true) : [];
    },
  };
}

/** One worker batch: flat responses (t, status, latency, service latency), [t, code] errors, open-model drops. */
export interface Batch {
  responses: readonly number[];
  errors: readonly [number, string][];
  dropped?: readonly number[];
}

/** Decodes one worker batch into samples. */
export function decodeBatch(batch: Batch): LoadSample[] {
  const { responses } = batch;
  const samples: LoadSample[] = [];
  for (let i = 0; i + 3 < responses.length; i += 4) {
    samples.push({
      t: responses[i] as number,
      status: responses[i + 1] as number,
      latency: responses[i + 2] as number,
      service: responses[i + 3] as number,
    });
  }
  for (const [t, error] of batch.errors) samples.push({ t, error });
  for (const t of batch.dropped ?? []) samples.push({ t, dropped: true });
  return samples;
}
