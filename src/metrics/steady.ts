// The steady state of a variant: from load start to the first fault (the whole load without faults).
// Throughput and load latency are measured here, as every report shows them.
import type { LoadBucket, MetricFlag, Timeline } from '../types.js';
import { flag } from './flags.js';
import { spanLatency } from './latency.js';
import { arrivals, bucketsIn, rate, type Span, windows } from './spans.js';
import { mean, quantile } from './stats.js';

/** The load phase: load_start → load_end (the last bucket's end when the run stopped early), or null. */
export function loadSpan(timeline: Timeline): Span | null {
  const start = timeline.phases.load_start;
  if (start === null) return null;
  const lastBucket = timeline.buckets.reduce((t, b) => Math.max(t, b.t_end), start);
  return { start, end: timeline.phases.load_end ?? lastBucket };
}

/** A steady state shorter than a window but at least this long is measured as one shorter window. */
export const MIN_STEADY_MS = 500;

/**
 * The steady state: from the load generator's first outcome (it needs a moment to start its worker
 * and connect; the empty start is not the app's throughput) to the first fault or the end of load.
 */
export function steadySpan(
  buckets: readonly LoadBucket[],
  load: Span | null,
  firstFault: number | null,
): Span | null {
  if (!load) return null;
  const end = Math.min(load.end, firstFault ?? Infinity);
  const first = buckets.find((b) => b.t_start >= load.start - 1 && b.t_start < end && outcomes(b) > 0);
  return { start: Math.max(load.start, first?.t_start ?? load.start), end };
}

function outcomes(b: LoadBucket): number {
  return b.ok_2xx + b.non_2xx + b.resets + b.refused + b.timeouts + b.other_errors;
}

/** Whole 1 s windows of the steady state; a steady state of 0.5–1 s is one shorter window. */
export function steadyWindows(span: Span): Span[] {
  const whole = windows(span);
  return whole.length === 0 && span.end - span.start >= MIN_STEADY_MS ? [span] : whole;
}

/**
 * throughput_rps / throughput_p50_rps: the mean / median of the 2xx rates of the whole 1 s windows of
 * the steady state (see steadyWindows). latency_*: closed model, autocannon's, clean windows only
 * (see latency.ts), null with `latency_tainted` when no window was clean; open model, from the
 * arrivals' scheduled times over every window. service_latency_*: from the send (open model only:
 * the closed model's latency_* is already from the send). offered_rps: the open model's arrivals per second.
 */
export function steadyFigures(
  buckets: readonly LoadBucket[],
  span: Span | null,
  loadgenSaturated: boolean,
  open = false,
) {
  const flags: MetricFlag[] = [];
  const spans = span ? steadyWindows(span) : [];
  const rates = spans.map((w) => rate(buckets, w));
  const throughput_rps = mean(rates);
  if (throughput_rps === null)
    for (const m of ['throughput_rps', 'throughput_p50_rps'])
      flags.push(flag(m, 'no_steady_state', 'less than 0.5 s of load before the first fault'));
  else if (loadgenSaturated)
    for (const m of ['throughput_rps', 'throughput_p50_rps'])
      flags.push(
        flag(
          m,
          'loadgen_saturated',
          'the load generator was CPU-saturated: the app may be faster than shown',
        ),
      );
  const offered_rps = open
    ? mean(spans.map((w) => (arrivals(bucketsIn(buckets, w)).offered * 1000) / (w.end - w.start)))
    : null;
  if (!open) flags.push(flag('offered_rps', 'closed_model', 'the closed model has no arrival schedule'));

  const none = { latency: null, windows: 0, tainted: 0 };
  const lat = span ? spanLatency(buckets, span, { everyWindow: open }) : none;
  const service =
    open && span ? spanLatency(buckets, span, { everyWindow: true, field: 'service_latency' }) : none;
  if (!open)
    for (const m of LATENCY_NAMES)
      flags.push(
        flag(
          `service_latency_${m}_ms`,
          'closed_model',
          'the closed model has no schedule: latency_* is from the send',
        ),
      );
  if (lat.tainted > 0) {
    const message =
      lat.latency === null
        ? `every window had connection errors: autocannon's latency is wrong after them, so none is reported`
        : `${lat.tainted} of ${lat.windows} windows left out (connection errors make autocannon's latency wrong)`;
    for (const m of LATENCY_NAMES) flags.push(flag(`latency_${m}_ms`, 'latency_tainted', message));
  }
  return {
    figures: {
      throughput_rps,
      throughput_p50_rps: quantile(rates, 0.5),
      offered_rps,
      latency_p50_ms: lat.latency?.p50 ?? null,
      latency_p90_ms: lat.latency?.p90 ?? null,
      latency_p99_ms: lat.latency?.p99 ?? null,
      latency_p999_ms: lat.latency?.p999 ?? null,
      latency_max_ms: lat.latency?.max ?? null,
      service_latency_p50_ms: service.latency?.p50 ?? null,
      service_latency_p90_ms: service.latency?.p90 ?? null,
      service_latency_p99_ms: service.latency?.p99 ?? null,
      service_latency_p999_ms: service.latency?.p999 ?? null,
      service_latency_max_ms: service.latency?.max ?? null,
    },
    flags,
  };
}

const LATENCY_NAMES = ['p50', 'p90', 'p99', 'p999', 'max'] as const;
