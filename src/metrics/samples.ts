// The repeated samples a statistical comparison needs, from one run (one trial): one per fault for
// the per-fault figures, one per 1 s window for throughput, one per probe for probe latency, and one
// per run for everything else. Timings are divided by the same run's floor (bare boot → listening),
// so a machine that is slower today moves both sides of the ratio alike.
import { METRICS, type MetricInfo, type MetricName } from '../catalog.js';
import type { FaultResult, Results, VariantResult } from '../types.js';
import { rate } from './spans.js';
import { quantile } from './stats.js';
import { loadSpan, steadySpan, steadyWindows } from './steady.js';

/** Probe latencies kept per run at most (evenly spaced in time): enough for a median, cheap to resample. */
export const MAX_PROBE_SAMPLES = 120;

/** Where a metric's samples come from. */
export type SampleSource = 'fault' | 'window' | 'probe' | 'run';

/** One metric's samples from one run, and whether they were divided by the run's floor. */
export interface MetricSamples {
  values: number[];
  /** The same samples not divided by the floor (equal to values when floor_ratio is false). */
  raw: number[];
  source: SampleSource;
  floor_ratio: boolean;
}

/** The per-fault figure a percentile metric is drawn from (restart_p50_ms → each fault's restart_ms). */
const FROM_FAULTS: Partial<Record<MetricName, keyof FaultResult['metrics']>> = {
  restart_p50_ms: 'restart_ms',
  restart_p50_over_floor: 'restart_ms',
  detect_p50_ms: 'detect_ms',
};

/** The metric whose samples a metric is judged by: a percentile is judged through its per-fault set. */
export function sampleSetOf(name: MetricName): MetricName {
  return (FROM_FAULTS[name] as MetricName | undefined) ?? name;
}

/** Every catalog metric's samples for one variant of one run. */
export function variantSamples(results: Results, variant: VariantResult): Map<MetricName, MetricSamples> {
  const floor = floorMedian(results);
  const out = new Map<MetricName, MetricSamples>();
  for (const [name, info] of Object.entries(METRICS) as [MetricName, MetricInfo][]) {
    // restart_p50_over_floor is a ratio already; its samples are restart_ms ÷ floor like restart_ms's.
    const scale = (info.timing || name === 'restart_p50_over_floor') && floor !== null ? floor : null;
    const norm = (v: number) => (scale === null ? v : v / scale);
    const set = (raw: number[], source: SampleSource, divided: boolean) =>
      out.set(name, { values: divided ? raw.map(norm) : raw, raw, source, floor_ratio: divided });
    const perFault = info.fault ? (name as keyof FaultResult['metrics']) : FROM_FAULTS[name];
    if (perFault && variant.faults.length > 0) {
      set(
        variant.faults.flatMap((f) => faultSample(f, perFault)),
        'fault',
        scale !== null,
      );
    } else if (name === 'throughput_rps' || name === 'throughput_p50_rps') {
      set(throughputWindows(variant), 'window', false);
    } else if (name === 'probe_latency_p50_ms') {
      set(probeLatencies(variant), 'probe', scale !== null);
    } else {
      const figure = variant.metrics[name];
      const unrecovered = variant.flags.some((f) => f.metric === name && f.code === 'no_recovery');
      set(
        figure === null ? (unrecovered ? [Number.POSITIVE_INFINITY] : []) : [figure],
        'run',
        scale !== null,
      );
    }
  }
  return out;
}

/** A fault's figure; one that never recovered is an infinitely long sample (worse than any), not a gap. */
function faultSample(fault: FaultResult, metric: keyof FaultResult['metrics']): number[] {
  const value = fault.metrics[metric];
  if (typeof value === 'number') return [value];
  // restart_overhead_ms is restart_ms − floor: a restart that never finished leaves it unbounded too.
  const flagged = metric === 'restart_overhead_ms' ? 'restart_ms' : metric;
  return fault.flags.some((f) => f.metric === flagged && f.code === 'no_recovery')
    ? [Number.POSITIVE_INFINITY]
    : [];
}

/** 2xx per second of each steady-state window (the windows throughput_rps is the mean of). */
function throughputWindows(variant: VariantResult): number[] {
  const { buckets } = variant.timeline;
  const first = Math.min(...variant.faults.map((f) => f.t));
  const span = steadySpan(buckets, loadSpan(variant.timeline), Number.isFinite(first) ? first : null);
  return span ? steadyWindows(span).map((w) => rate(buckets, w)) : [];
}

/** Latencies of the successful probes started during the load, thinned evenly to MAX_PROBE_SAMPLES. */
function probeLatencies(variant: VariantResult): number[] {
  const load = loadSpan(variant.timeline);
  if (!load) return [];
  const ok = variant.timeline.probes.filter((p) => p.ok && p.t_start >= load.start && p.t_start < load.end);
  const step = Math.max(1, ok.length / MAX_PROBE_SAMPLES);
  const out: number[] = [];
  for (let i = 0; i < ok.length; i += step) {
    const p = ok[Math.floor(i)];
    if (p) out.push(p.t_end - p.t_start);
  }
  return out;
}

/** The run's median floor (what variant.ts divides by), or null when it has none. */
export function floorMedian(results: Pick<Results, 'floor'>): number | null {
  const floor = quantile(
    (results.floor?.boot_to_listening_ms ?? []).filter((v) => Number.isFinite(v) && v > 0),
    0.5,
  );
  return floor === null || floor <= 0 ? null : floor;
}
