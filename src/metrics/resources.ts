// Memory, CPU and event-loop figures from the samples and the agents' event-loop reports.
import type { ResourceSample, SupervisorEvent } from '../types.js';
import type { Span } from './spans.js';
import { max, mean, mib, quantile } from './stats.js';

/** An event loop is flagged as blocked from these delays on (DESIGN.md). */
export const EVENT_LOOP_BLOCKED = { p50_ms: 10, max_ms: 100 } as const;

/**
 * peak_rss_mb / supervisor_peak_rss_mb: the largest RSS sampled for any instance / the supervisor,
 * in MiB, over the whole variant. cpu_pct: the mean CPU of an instance over the samples taken during
 * the load (all samples when the load span is unknown). null when nothing was sampled.
 */
export function resourceFigures(samples: readonly ResourceSample[], load: Span | null) {
  const rss = (role: ResourceSample['role']) => {
    const peak = max(samples.filter((s) => s.role === role).map((s) => s.rss));
    return peak === null ? null : mib(peak);
  };
  const instances = samples.filter((s) => s.role === 'instance');
  const during = load ? instances.filter((s) => s.t >= load.start && s.t <= load.end) : instances;
  return {
    peak_rss_mb: rss('instance'),
    supervisor_peak_rss_mb: rss('supervisor'),
    cpu_pct: mean((during.length > 0 ? during : instances).map((s) => s.cpu_pct)),
  };
}

/**
 * event_loop_delay_p50_ms: the median of the instances' reported p50 delays during the load;
 * event_loop_delay_max_ms: the largest delay any instance reported then. Boot is left out (module
 * loading is not the app's steady behaviour). `blocked` when p50 >= 10 ms or max >= 100 ms.
 */
export function eventLoopFigures(events: readonly SupervisorEvent[], load: Span | null) {
  const reports = events.flatMap((e) =>
    e.type === 'event-loop' && (!load || (e.t >= load.start && e.t <= load.end)) ? [e] : [],
  );
  const p50 = quantile(
    reports.map((e) => e.p50_ms),
    0.5,
  );
  const worst = max(reports.map((e) => e.max_ms));
  const blocked =
    (p50 !== null && p50 >= EVENT_LOOP_BLOCKED.p50_ms) ||
    (worst !== null && worst >= EVENT_LOOP_BLOCKED.max_ms);
  return { event_loop_delay_p50_ms: p50, event_loop_delay_max_ms: worst, blocked };
}
