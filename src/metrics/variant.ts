// A variant's figures (DESIGN.md, Metrics): the steady state, each fault over its window, the
// worst over the faults, resources and the event loop, with a flag wherever a figure needs one.
import type {
  LoadModel,
  MetricFlag,
  RunRecord,
  VariantMetrics,
  VariantRecord,
  VariantResult,
} from '../types.js';
import { aggregateFaults } from './aggregate.js';
import { crashLoopFigures } from './crash-loop.js';
import { restartCount } from './events.js';
import { computeFault } from './fault.js';
import { flag } from './flags.js';
import { probeSummary } from './probes.js';
import { eventLoopFigures, resourceFigures } from './resources.js';
import { restartPercentiles } from './restart-stats.js';
import { arrivals, bucketsIn, failed, type Span, sum } from './spans.js';
import { quantile } from './stats.js';
import { loadSpan, steadyFigures, steadySpan } from './steady.js';

/** Every figure of one variant from its record; `floor` is the run's bare boot → listening times. */
export function computeVariant(
  variant: VariantRecord,
  context: { floor: RunRecord['floor']; model?: LoadModel },
): VariantResult {
  const open = context.model === 'open';
  const { timeline, events } = variant;
  const load = loadSpan(timeline);
  const ordered = [...variant.faults].sort((a, b) => a.t - b.t);
  const steady = steadyFigures(
    timeline.buckets,
    steadySpan(timeline.buckets, load, ordered[0]?.t ?? null),
    variant.loadgen?.cpu_saturated ?? false,
    open,
  );

  const floorMs = quantile(context.floor?.boot_to_listening_ms ?? [], 0.5);
  const windowOf = (t: number): Span => {
    const next = ordered.find((f) => f.t > t);
    return { start: t, end: next?.t ?? Math.max(load?.end ?? t, t) };
  };
  const faults = variant.faults.map((fault) =>
    computeFault(fault, windowOf(fault.t), {
      variant,
      steadyRps: steady.figures.throughput_rps,
      floorMs,
      open,
    }),
  );
  const aggregated = aggregateFaults(faults);
  const percentiles = restartPercentiles(faults, floorMs);
  const loopEnd = crashLoopFigures(events, variant.config.apps);

  // failed_requests / refused_connects: totals over the whole load (steady state and every fault).
  const inLoad = load ? bucketsIn(timeline.buckets, load) : [];
  const counts = sum(inLoad);
  const probes = probeSummary(timeline.probes, load ?? { start: -Infinity, end: Infinity });
  const resources = resourceFigures(timeline.resources, load);
  const loop = eventLoopFigures(events, load);

  const flags: MetricFlag[] = [...steady.flags];
  if (!open)
    flags.push(flag('dropped_requests', 'closed_model', 'the closed model never drops: it sends later'));
  if (probes.count === 0)
    for (const m of ['probe_availability', 'probe_latency_p50_ms', 'probe_latency_p99_ms'])
      flags.push(flag(m, 'no_probe', 'no probe ran during the load'));
  if (loop.blocked)
    for (const m of ['event_loop_delay_p50_ms', 'event_loop_delay_max_ms'])
      flags.push(flag(m, 'event_loop_blocked', 'the event loop was blocked (p50 >= 10 ms or max >= 100 ms)'));
  flags.push(...aggregated.flags, ...percentiles.flags);
  if (loopEnd.errored === 0 && variant.faults.some((f) => f.kind === 'boot-crash'))
    flags.push(flag('boots_to_errored', 'no_event', 'no instance went errored after the boot-crash deploy'));
  if (variant.partial)
    flags.push(flag('*', 'partial', 'the run was interrupted: figures cover what was measured'));

  const metrics: VariantMetrics = {
    ...steady.figures,
    probe_latency_p50_ms: probes.p50,
    probe_latency_p99_ms: probes.p99,
    probe_availability: probes.availability,
    failed_requests: failed(counts, open),
    dropped_requests: open ? arrivals(inLoad).dropped : null,
    refused_connects: counts.refused,
    ...aggregated.figures,
    ...percentiles.figures,
    restarts: restartCount(events),
    ...loopEnd,
    ...resources,
    event_loop_delay_p50_ms: loop.event_loop_delay_p50_ms,
    event_loop_delay_max_ms: loop.event_loop_delay_max_ms,
  };
  return { ...variant, metrics, flags, faults };
}
