// `compare` and `ci` on repeated trials: every metric of every variant decided from its trials (each
// run summarised by the median of its samples: per fault, per window, per probe, or the run's figure)
// by decide(), with Holm's correction over every sample set the compare judges, so the gate as a whole
// raises a false alarm at most 1 time in 20; or, with the tolerance gate, the median figure of each
// side's trials against --tolerance. Timings are judged in milliseconds: on the recorded corpus the
// run's floor (three bare boots) moved more than the restarts did, and dividing by it added noise.
// Pure.
import { METRICS, type MetricInfo, type MetricName } from '../catalog.js';
import type { Results, VariantMetrics } from '../types.js';
import { ABSOLUTE_SLACK, type Comparison, compareResults } from './compare.js';
import {
  DEFAULT_DECIDE,
  type DecideOptions,
  type Decision,
  decide,
  MIN_TRIALS,
  verdictOf,
} from './decide.js';
import { holm } from './holm.js';
import { median } from './ratio.js';
import { type MetricSamples, sampleSetOf, variantSamples } from './samples.js';

/** How two sets of trials are compared. */
export interface TrialCompareOptions {
  /** 'stats' (default): repeated trials and a verdict; 'tolerance': the median figures against `tolerance`. */
  gate: 'stats' | 'tolerance';
  tolerance: number;
  decide?: DecideOptions;
}

/** Every catalog metric of every variant, baseline trials against current trials. */
export function compareTrials(
  baselines: readonly Results[],
  currents: readonly Results[],
  options: TrialCompareOptions,
): Comparison[] {
  const [firstBase] = baselines;
  const [firstNow] = currents;
  if (!firstBase || !firstNow) throw new Error('compareTrials needs at least one run on each side');
  if (options.gate === 'tolerance')
    return compareResults(medianTrial(baselines), medianTrial(currents), { tolerance: options.tolerance });
  const decideOptions = options.decide ?? DEFAULT_DECIDE;
  const names = (runs: readonly Results[]) => [
    ...new Set(runs.flatMap((r) => r.variants.map((v) => v.name))),
  ];
  const rows: Comparison[] = [];
  const decisions = new Map<string, Decision>();
  for (const name of names(baselines)) {
    if (!names(currents).includes(name)) {
      rows.push(missing(name, 'variant missing from the current run', true));
      continue;
    }
    const base = samplesOf(baselines, name);
    const now = samplesOf(currents, name);
    for (const metric of Object.keys(METRICS) as MetricName[]) {
      const set = sampleSetOf(metric);
      const key = `${name}\u0000${set}`;
      const pick = (t: TrialSamples) => t.map((trial) => trial.get(set)?.raw ?? []);
      // The set's own unit and direction (a percentile row may be a ratio of the same samples).
      const own = infoOf(set);
      const d =
        decisions.get(key) ??
        decide(pick(base), pick(now), own.better, ABSOLUTE_SLACK[own.unit], decideOptions);
      decisions.set(key, d);
      rows.push(statRow(name, metric, d, base[0]?.get(set) ?? now[0]?.get(set), baselines, currents));
    }
  }
  for (const name of names(currents))
    if (!names(baselines).includes(name)) rows.push(missing(name, 'new variant: not in the baseline', false));
  return corrected(rows, decideOptions);
}

type TrialSamples = Map<MetricName, MetricSamples>[];

function infoOf(metric: string): MetricInfo {
  return METRICS[metric as MetricName] as MetricInfo;
}

function samplesOf(runs: readonly Results[], variant: string): TrialSamples {
  return runs.flatMap((r) => {
    const v = r.variants.find((x) => x.name === variant);
    return v ? [variantSamples(r, v)] : [];
  });
}

/**
 * Holm over the family: one test per sample set of each variant (a percentile shares its per-fault
 * set's test), gated metrics only. Each row's verdict is then decided at its Holm-adjusted p.
 */
function corrected(rows: Comparison[], options: DecideOptions): Comparison[] {
  const family = new Map<string, number>();
  for (const r of rows)
    if (r.gate === 'stats' && r.p_value != null && !infoOf(r.metric).informational && varies(r))
      family.set(`${r.variant}\u0000${sampleSetOf(r.metric as MetricName)}`, r.p_value);
  const keys = [...family.keys()];
  const adjusted = new Map(holm([...family.values()]).map((p, i) => [keys[i] as string, p]));
  return rows.map((r) => {
    if (r.gate !== 'stats' || r.p_value == null || !r.effect) return r;
    const info = infoOf(r.metric);
    const pHolm = adjusted.get(`${r.variant}\u0000${sampleSetOf(r.metric as MetricName)}`) ?? null;
    const verdict = verdictOf(r.effect.estimate, pHolm ?? r.p_value, info.better, options);
    const row = {
      ...r,
      verdict,
      p_holm: pHolm,
      regression: verdict === 'regression' && info.informational !== true,
    };
    return { ...row, note: describe(row, options, family.size) };
  });
}

/** False for a set that is the same constant on both sides (0 failures, 8 restarts): no test to count. */
function varies(r: Comparison): boolean {
  return !(r.p_value === 1 && r.effect?.low === 1 && r.effect.high === 1);
}

function statRow(
  variant: string,
  metric: MetricName,
  d: Decision,
  first: MetricSamples | undefined,
  baselines: readonly Results[],
  currents: readonly Results[],
): Comparison {
  const figure = (runs: readonly Results[]) => medianFigure(runs, variant, metric);
  const row = {
    variant,
    metric,
    baseline: figure(baselines),
    current: figure(currents),
    change: d.effect ? d.effect.estimate - 1 : null,
    ratio_based: false,
    regression: false,
    verdict: d.verdict,
    gate: 'stats' as const,
    effect: d.effect,
    p_value: d.p_value,
    samples: { baseline: d.samples.baseline, current: d.samples.current, source: first?.source ?? 'run' },
    trials: d.trials,
  };
  return { ...row, note: describe(row, DEFAULT_DECIDE, 1) };
}

/** "ratio 1.27 [1.12, 1.41] (95 %), p = 0.003 (Holm = 0.018 over 6), 3 vs 3 trials (24 vs 24 fault samples): regression". */
function describe(row: Omit<Comparison, 'note'>, options: DecideOptions, family: number): string {
  const s = row.samples as NonNullable<Comparison['samples']>;
  const t = row.trials ?? { baseline: 0, current: 0 };
  const count = `${t.baseline} vs ${t.current} trials (${s.baseline} vs ${s.current} ${s.source} samples)`;
  if (s.baseline === 0 && s.current === 0) return 'not measured in either run';
  if (!row.effect) return `${count}: not enough data (needs ${MIN_TRIALS} trials a side)`;
  const e = row.effect;
  const p = row.p_value == null ? '' : `, p ${fmtP(row.p_value)}`;
  const holmNote = row.p_holm == null ? '' : ` (Holm ${fmtP(row.p_holm)} over ${family})`;
  const interval = Number.isNaN(e.low)
    ? ''
    : ` [${fmtRatio(e.low)}, ${fmtRatio(e.high)}] (${Math.round(e.confidence * 100)} %)`;
  const why =
    row.verdict === 'no change'
      ? ` (a change must be significant and beyond ${Math.round(options.minEffect * 100)} %)`
      : '';
  const informational = row.verdict === 'regression' && !row.regression ? ' (informational: not gated)' : '';
  return `ratio ${fmtRatio(e.estimate)}${interval}${p}${holmNote}, ${count}: ${row.verdict}${why}${informational}`;
}

function missing(variant: string, note: string, regression: boolean): Comparison {
  return {
    variant,
    metric: '*',
    baseline: null,
    current: null,
    change: null,
    ratio_based: false,
    regression,
    note,
    verdict: regression ? 'regression' : 'not enough data',
    gate: 'stats',
  };
}

/** The median of a variant's figure over the trials that measured it (null when none did). */
function medianFigure(runs: readonly Results[], variant: string, metric: MetricName): number | null {
  const values = runs.flatMap((r) => {
    const v = r.variants.find((x) => x.name === variant)?.metrics[metric];
    return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
  });
  return values.length === 0 ? null : median(values);
}

/** One Results standing for several trials: each figure the median over them, every floor sample pooled. */
export function medianTrial(runs: readonly Results[]): Results {
  const [first] = runs;
  if (!first || runs.length === 1) return first as Results;
  const floor = runs.flatMap((r) => r.floor?.boot_to_listening_ms ?? []);
  return {
    ...first,
    floor: floor.length > 0 ? { boot_to_listening_ms: floor } : null,
    variants: first.variants.map((v) => {
      const metrics = { ...v.metrics } as Record<string, number | null>;
      for (const name of Object.keys(METRICS) as MetricName[])
        metrics[name] = medianFigure(runs, v.name, name);
      return { ...v, metrics: metrics as unknown as VariantMetrics };
    }),
  };
}

function fmtRatio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '∞';
}

function fmtP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}
