// Time spans over a variant's load buckets: which buckets a span holds, what they add up to, and the
// 1 s windows throughput is measured in. A bucket belongs to the span its END falls in, so the
// bucket during which a fault struck counts towards the fault, not the steady state before it.
import type { LoadBucket } from '../types.js';

/** [start, end] in epoch ms. */
export interface Span {
  start: number;
  end: number;
}

/** The outcome counts of a span of buckets. */
export interface Counts {
  ok_2xx: number;
  non_2xx: number;
  resets: number;
  refused: number;
  timeouts: number;
  other_errors: number;
}

/** Throughput and capacity are measured over windows of this length. */
export const WINDOW_MS = 1000;

/** The buckets that ended inside (start, end]: each bucket belongs to exactly one of adjacent spans. */
export function bucketsIn(buckets: readonly LoadBucket[], span: Span): LoadBucket[] {
  return buckets.filter((b) => b.t_end > span.start && b.t_end <= span.end);
}

/** The buckets that overlap the span at all: for "were there failures in this window", nothing escapes. */
export function bucketsTouching(buckets: readonly LoadBucket[], span: Span): LoadBucket[] {
  return buckets.filter((b) => b.t_end > span.start && b.t_start < span.end);
}

/** Adds up the outcome counts of buckets. */
export function sum(buckets: readonly LoadBucket[]): Counts {
  const c: Counts = { ok_2xx: 0, non_2xx: 0, resets: 0, refused: 0, timeouts: 0, other_errors: 0 };
  for (const b of buckets) {
    c.ok_2xx += b.ok_2xx;
    c.non_2xx += b.non_2xx;
    c.resets += b.resets;
    c.refused += b.refused;
    c.timeouts += b.timeouts;
    c.other_errors += b.other_errors;
  }
  return c;
}

/**
 * Requests that were sent and did not get a 2xx: non-2xx answers, resets of in-flight requests,
 * timeouts and other errors. Closed model: refused connections are NOT here: they are connection
 * attempts, which autocannon retries in a tight loop (a refused storm is not thousands of failed
 * requests). Open model (`open`): each refused connect is one arrival turned away, so it counts.
 */
export function failed(c: Counts, open = false): number {
  return c.non_2xx + c.resets + c.timeouts + c.other_errors + (open ? c.refused : 0);
}

/** Open model: the arrivals scheduled and the arrivals dropped in buckets. */
export function arrivals(buckets: readonly LoadBucket[]): { offered: number; dropped: number } {
  let offered = 0;
  let dropped = 0;
  for (const b of buckets) {
    offered += b.offered ?? 0;
    dropped += b.dropped ?? 0;
  }
  return { offered, dropped };
}

/** True when a bucket saw a connection error, after which autocannon's latency is wrong. */
export function hasConnectionError(b: LoadBucket): boolean {
  return b.resets + b.refused + b.timeouts + b.other_errors > 0;
}

/** Consecutive whole 1 s windows from span.start that fit in the span (a shorter tail is left out). */
export function windows(span: Span): Span[] {
  const out: Span[] = [];
  for (let start = span.start; start + WINDOW_MS <= span.end + 1e-6; start += WINDOW_MS)
    out.push({ start, end: start + WINDOW_MS });
  return out;
}

/** 2xx responses per second in a window. */
export function rate(buckets: readonly LoadBucket[], window: Span): number {
  return (sum(bucketsIn(buckets, window)).ok_2xx * 1000) / (window.end - window.start);
}
