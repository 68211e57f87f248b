// Regression checks between two runs (`resilab compare`, CI baselines). Pure. Timing figures are
// judged as ratios to the floor measured in the same run when both runs have one: absolute times
// drift on a shared, noisy machine, while "how many times the bare boot time" does not.
import { figureOf, METRICS, type MetricInfo } from '../catalog.js';
import type { Results, VariantMetrics } from '../types.js';
import type { Verdict } from './decide.js';
import type { RatioInterval } from './ratio.js';
import type { SampleSource } from './samples.js';

/** One metric of one variant, baseline against current. */
export interface Comparison {
  variant: string;
  metric: string;
  baseline: number | null;
  current: number | null;
  /** Relative change of the compared quantity (0.25 = +25 %), or null when it has no relative meaning. */
  change: number | null;
  /** True when the comparison used each run's floor ratio instead of absolute values. */
  ratio_based: boolean;
  regression: boolean;
  note: string;
  /** regression / improvement / no change / not enough data (the tolerance gate: regression or no change). */
  verdict: Verdict;
  /** How the row was decided: one figure a side against --tolerance, or repeated samples (statistics). */
  gate: 'tolerance' | 'stats';
  /** The statistical gate's effect: ratio current ÷ baseline of the trials' medians, and its interval. */
  effect?: RatioInterval | null;
  /** The statistical gate's two-sided p-value on the trials (before the family's correction), or null. */
  p_value?: number | null;
  /** The p-value after Holm's correction over every sample set the compare judged: what the verdict used. */
  p_holm?: number | null;
  /** How many samples each side had, and where they came from. */
  samples?: { baseline: number; current: number; source: SampleSource };
  /** How many trials (runs) each side had: the unit the statistical gate compares. */
  trials?: { baseline: number; current: number };
}

/**
 * Absolute slack per unit: a change smaller than this is never a regression, so a baseline of
 * 0 failed requests or 0 ms downtime does not turn one stray reset into "+∞ %".
 */
export const ABSOLUTE_SLACK: Record<MetricInfo['unit'], number> = {
  count: 2,
  ms: 10,
  'req/s': 1,
  MiB: 1,
  '%': 1,
  ratio: 0.001,
};

/** Median of the floor samples, or null when the run has no usable floor. */
export function floorOf(results: Pick<Results, 'floor'>): number | null {
  const samples = (results.floor?.boot_to_listening_ms ?? []).filter((v) => Number.isFinite(v) && v > 0);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Every catalog metric of every variant; a variant gone from the current run is a regression. */
export function compareResults(
  baseline: Results,
  current: Results,
  options: { tolerance: number },
): Comparison[] {
  const floors = { baseline: floorOf(baseline), current: floorOf(current) };
  const rows: Comparison[] = [];
  for (const base of baseline.variants) {
    const now = current.variants.find((v) => v.name === base.name);
    if (!now) {
      rows.push({
        variant: base.name,
        metric: '*',
        baseline: null,
        current: null,
        change: null,
        ratio_based: false,
        regression: true,
        note: 'variant missing from the current run',
        verdict: 'regression',
        gate: 'tolerance',
      });
      continue;
    }
    for (const [metric, info] of Object.entries(METRICS) as [string, MetricInfo][]) {
      rows.push(compareMetric(base.name, metric, info, base.metrics, now.metrics, floors, options.tolerance));
    }
  }
  for (const now of current.variants) {
    if (baseline.variants.some((v) => v.name === now.name)) continue;
    rows.push({
      variant: now.name,
      metric: '*',
      baseline: null,
      current: null,
      change: null,
      ratio_based: false,
      regression: false,
      note: 'new variant: not in the baseline',
      verdict: 'not enough data',
      gate: 'tolerance',
    });
  }
  return rows;
}

function compareMetric(
  variant: string,
  metric: string,
  info: MetricInfo,
  base: VariantMetrics,
  now: VariantMetrics,
  floors: { baseline: number | null; current: number | null },
  tolerance: number,
): Comparison {
  const b = numberOrNull(figureOf(base, metric));
  const c = numberOrNull(figureOf(now, metric));
  const row = {
    variant,
    metric,
    baseline: b,
    current: c,
    change: null,
    ratio_based: false,
    gate: 'tolerance' as const,
  };
  const none = { regression: false, verdict: 'not enough data' as const };
  if (b === null && c === null) return { ...row, ...none, note: 'not measured in either run' };
  if (b === null) return { ...row, ...none, note: 'new: not measured in the baseline' };
  if (c === null) {
    const note = `was ${fmt(b)}, now not measured (no recovery or missing)`;
    return { ...row, regression: true, verdict: 'regression', note };
  }
  const useRatio = info.timing && floors.baseline !== null && floors.current !== null;
  const scaleB = useRatio ? (floors.baseline as number) : 1;
  const scaleC = useRatio ? (floors.current as number) : 1;
  const qb = b / scaleB;
  const qc = c / scaleC;
  const worse = info.better === 'lower' ? qc - qb : qb - qc;
  const slack = ABSOLUTE_SLACK[info.unit] / scaleC;
  const limit = Math.max(tolerance * Math.abs(qb), slack);
  const regression = worse > limit;
  const change = qb === 0 ? null : (qc - qb) / Math.abs(qb);
  const shownChange = change === null ? `${signed(c - b)} ${info.unit}` : `${signed(change * 100)}%`;
  const basis = useRatio ? `ratio to floor ${fmt(qb)} → ${fmt(qc)}` : `${fmt(b)} → ${fmt(c)} ${info.unit}`;
  const verdict = regression ? `worse by more than ${describeLimit(tolerance, info)}` : 'within tolerance';
  const note = `${basis} (${shownChange}): ${verdict}`;
  return {
    ...row,
    change,
    ratio_based: useRatio,
    regression,
    verdict: regression ? 'regression' : 'no change',
    note,
  };
}

function describeLimit(tolerance: number, info: MetricInfo): string {
  return `${Math.round(tolerance * 100)}% and ${ABSOLUTE_SLACK[info.unit]} ${info.unit}`;
}

function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function fmt(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${fmt(value)}`;
}
