// What the prober saw: fresh-connection requests at a fixed rate, so their latency is always valid
// and their gaps are the service's real outages (DESIGN.md, Metrics).
import type { ProbeSample } from '../types.js';
import type { Span } from './spans.js';
import { quantile } from './stats.js';

/** Availability and latency of the probes that started in a span (null figures when there were none). */
export function probeSummary(probes: readonly ProbeSample[], span: Span) {
  const inSpan = probes.filter((p) => p.t_start >= span.start && p.t_start < span.end);
  const latencies = inSpan.filter((p) => p.ok).map((p) => p.t_end - p.t_start);
  return {
    count: inSpan.length,
    availability: inSpan.length === 0 ? null : latencies.length / inSpan.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

/** The longest interval with no successful probe in a fault's window, and whether it was still open at the end. */
export interface Downtime {
  ms: number | null;
  open: boolean;
}

/**
 * downtime_ms: the longest interval after the fault with no successful probe, measured between the
 * completions of successful probes (the first interval starts at the fault). When probes failed
 * after the last success and none succeeded again before the window ended, the gap is still open:
 * it counts to the end of the window and `open` is set (no recovery). No probe at all → null.
 */
export function downtime(probes: readonly ProbeSample[], window: Span): Downtime {
  const seen = probes.filter((p) => p.t_end > window.start && p.t_end <= window.end);
  if (seen.length === 0) return { ms: null, open: false };
  const successes = seen
    .filter((p) => p.ok)
    .map((p) => p.t_end)
    .sort((a, b) => a - b);
  let longest = 0;
  let previous = window.start;
  for (const t of successes) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  const open = seen.some((p) => !p.ok && p.t_start >= previous);
  if (open) longest = Math.max(longest, window.end - previous);
  return { ms: longest, open };
}

/** The first success that counts for time_to_first_success_ms, and whether its answering pid was known. */
export interface FirstSuccess {
  ms: number | null;
  /** True when the counted probe carried no x-pid: it cannot be told apart from a process the fault ended. */
  unattributed: boolean;
}

/**
 * time_to_first_success_ms: fault → completion of the first successful probe that STARTED after the
 * fault (one already in flight proves nothing about the service after it) and was answered by a
 * process that serves after the fault: not one of the `ended` pids (the processes the fault ended,
 * whatever its kind: a crashed process may answer for a moment before it dies, an old one answers
 * during its graceful stop). null when none succeeded before the window ended.
 */
export function timeToFirstSuccess(
  probes: readonly ProbeSample[],
  window: Span,
  ended: ReadonlySet<number> = new Set(),
): FirstSuccess {
  let first: ProbeSample | null = null;
  for (const p of probes) {
    if (!p.ok || p.t_start < window.start || p.t_end > window.end) continue;
    if (p.pid !== null && ended.has(p.pid)) continue;
    if (first === null || p.t_end < first.t_end) first = p;
  }
  if (first === null) return { ms: null, unattributed: false };
  return { ms: first.t_end - window.start, unattributed: first.pid === null && ended.size > 0 };
}
