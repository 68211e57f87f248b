// Restart latency over all of a variant's faults, as percentiles: the worst single restart of 20
// is one unlucky scheduling slot on a busy machine, too noisy to gate CI on; p50 and p95 are not.
import type { FaultResult, MetricFlag } from '../types.js';
import { flag } from './flags.js';

/** The percentile figures this file computes, by metric name. */
export const RESTART_PERCENTILES = [
  { metric: 'restart_p50_ms', of: 'restart_ms', q: 0.5 },
  { metric: 'restart_p95_ms', of: 'restart_ms', q: 0.95 },
  { metric: 'detect_p50_ms', of: 'detect_ms', q: 0.5 },
] as const;

/** The figures restartPercentiles returns. */
type PercentileMetric = (typeof RESTART_PERCENTILES)[number]['metric'] | 'restart_p50_over_floor';

/**
 * restart_p50_ms / restart_p95_ms / detect_p50_ms over every fault that measured one, by nearest rank
 * (p95 of 20 restarts = the 19th fastest: 95 % of them took no longer). A restart that never finished
 * counts as infinitely long: when a percentile falls on one, the figure is null with a no_recovery
 * flag (never a smaller number). Faults that ended no process are not samples.
 */
export function restartPercentiles(
  faults: readonly FaultResult[],
  floorMs: number | null = null,
): {
  figures: Record<PercentileMetric, number | null>;
  flags: MetricFlag[];
} {
  const figures: Record<PercentileMetric, number | null> = {
    restart_p50_ms: null,
    restart_p95_ms: null,
    detect_p50_ms: null,
    restart_p50_over_floor: null,
  };
  const flags: MetricFlag[] = [];
  for (const { metric, of, q } of RESTART_PERCENTILES) {
    const samples = faults.flatMap((f) => sampleOf(f, of));
    const value = nearestRank(samples, q);
    if (value === null || value !== Number.POSITIVE_INFINITY) {
      figures[metric] = value;
      continue;
    }
    figures[metric] = null;
    const missing = samples.filter((s) => !Number.isFinite(s)).length;
    flags.push(
      flag(
        metric,
        'no_recovery',
        `${missing} of ${samples.length} faults had no ${of.replace(/_ms$/, '')} before the end, and p${Math.round(q * 100)} falls on one`,
      ),
    );
  }
  // The p50 as a multiple of the bare boot measured in the same run: drifts less than milliseconds
  // when the whole machine is slower (a shared CI runner), so it holds as a gate where they do not.
  const p50 = figures.restart_p50_ms;
  figures.restart_p50_over_floor = p50 !== null && floorMs !== null && floorMs > 0 ? p50 / floorMs : null;
  return { figures, flags };
}

/** The smallest value that at least q of the samples do not exceed (rank ⌈q·n⌉), or null for none. */
function nearestRank(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null;
}

/** One fault's sample: its figure, Infinity when it never recovered, none when it has no such figure. */
function sampleOf(fault: FaultResult, metric: 'restart_ms' | 'detect_ms'): number[] {
  const value = fault.metrics[metric];
  if (typeof value === 'number') return [value];
  const unrecovered = fault.flags.some((f) => f.metric === metric && f.code === 'no_recovery');
  return unrecovered ? [Number.POSITIVE_INFINITY] : [];
}
