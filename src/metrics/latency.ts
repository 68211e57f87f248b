// Load latency over a span. Closed model: only where autocannon's latency is right: after a
// connection error it is not (stale start times survive the reconnect: a p99 of 2 s for a server
// answering in 3 ms, TARGETS.md), so 1 s windows with a connection error, and the window after
// each, are left out. Open model: every window counts (each latency is measured per request, from
// its scheduled time or its send). Buckets carry HdrHistograms, merged exactly (histogram.ts);
// results written before them carry percentiles only, merged as a count-weighted mixture of
// piecewise-linear distributions through (0,0) and each bucket's p50/p90/p99/max.
import type { BucketLatency, LoadBucket } from '../types.js';
import { type Latency, mergeHistograms } from './histogram.js';
import { bucketsIn, hasConnectionError, type Span, WINDOW_MS } from './spans.js';

export type { Latency } from './histogram.js';

/** Which latency of the buckets: from the schedule (`latency`) or from the send (`service_latency`). */
export type LatencyField = 'latency' | 'service_latency';

/** The latency of a span from its clean windows, and how many of its windows had to be left out. */
export interface SpanLatency {
  latency: Latency | null;
  windows: number;
  tainted: number;
}

/**
 * Latency over a span from the windows (aligned to span.start, the last one may be short) with no
 * connection error; with `everyWindow` (the open model) from all of them.
 */
export function spanLatency(
  buckets: readonly LoadBucket[],
  span: Span,
  options: { everyWindow?: boolean; field?: LatencyField } = {},
): SpanLatency {
  const field = options.field ?? 'latency';
  if (options.everyWindow) {
    const all = bucketsIn(buckets, span);
    const windows = Math.ceil((span.end - span.start) / WINDOW_MS);
    return { latency: mergeLatency(all, field), windows, tainted: 0 };
  }
  const clean: LoadBucket[] = [];
  let windows = 0;
  let tainted = 0;
  let previousTainted = false;
  for (let start = span.start; start < span.end; start += WINDOW_MS) {
    const inWindow = bucketsIn(buckets, { start, end: Math.min(start + WINDOW_MS, span.end) });
    const dirty = inWindow.some(hasConnectionError);
    windows += 1;
    if (dirty || previousTainted) tainted += 1;
    else clean.push(...inWindow);
    previousTainted = dirty;
  }
  return { latency: mergeLatency(clean, field), windows, tainted };
}

/** Merges the buckets' latencies into one set, or null when no bucket has a response. */
export function mergeLatency(
  buckets: readonly LoadBucket[],
  field: LatencyField = 'latency',
): Latency | null {
  const parts = buckets.flatMap((b) => {
    const l: BucketLatency | null | undefined = b[field];
    return l && l.count > 0 ? [l] : [];
  });
  if (parts.length === 0) return null;
  if (parts.every((p) => p.hdr !== undefined)) return mergeHistograms(parts);
  const total = parts.reduce((n, p) => n + p.count, 0);
  const curves = parts.map((p) => ({ weight: p.count / total, knots: knots(p) }));
  const top = Math.max(...parts.map((p) => p.max));
  const at = (q: number) => invert((x) => curves.reduce((f, c) => f + c.weight * cdf(c.knots, x), 0), q, top);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: null, max: top };
}

type Knot = { x: number; q: number };

function knots(p: { p50: number; p90: number; p99: number; max: number }): Knot[] {
  // Percentiles from a real histogram are ordered; clamp anyway so a rounding slip cannot fold the curve.
  const p90 = Math.max(p.p50, p.p90);
  const p99 = Math.max(p90, p.p99);
  return [
    { x: p.p50, q: 0.5 },
    { x: p90, q: 0.9 },
    { x: p99, q: 0.99 },
    { x: Math.max(p99, p.max), q: 1 },
  ];
}

/** The share of one bucket's responses at or below x, by linear interpolation between knots. */
function cdf(points: readonly Knot[], x: number): number {
  let previous: Knot = { x: 0, q: 0 };
  for (const k of points) {
    if (x < k.x) return previous.q + ((k.q - previous.q) * (x - previous.x)) / (k.x - previous.x);
    previous = k;
  }
  return 1;
}

/** The smallest x with f(x) >= q, by bisection over [0, top]. */
function invert(f: (x: number) => number, q: number, top: number): number {
  let low = 0;
  let high = top;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (f(mid) >= q) high = mid;
    else low = mid;
  }
  return Math.round(high * 1000) / 1000;
}
