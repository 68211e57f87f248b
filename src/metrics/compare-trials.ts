// `compare` and `ci` on repeated trials: every metric of every variant decided from repeated samples
// (per fault, per window, per probe, per run; timings ÷ the same run's floor) by decide(), or, with
// the tolerance gate, the median figure of each side's trials against --tolerance. Pure.
import { METRICS, type MetricInfo, type MetricName } from '../catalog.js';
import type { Results, VariantMetrics } from '../types.js';
import { median } from './bootstrap.js';
import { ABSOLUTE_SLACK, type Comparison, compareResults } from './compare.js';
import { DEFAULT_DECIDE, type DecideOptions, decide, MIN_SAMPLES, type Verdict } from './decide.js';
import { floorMedian, type MetricSamples, variantSamples } from './samples.js';

/** Trials a side before per-probe and per-window samples are judged (they are not independent within a run). */
export const MIN_TRIALS = 2;

/** How two sets of trials are compared. */
export interface TrialCompareOptions {
  /** 'stats' (default): repeated samples and a verdict; 'tolerance': the median figures against `tolerance`. */
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
  const names = (runs: readonly Results[]) => [
    ...new Set(runs.flatMap((r) => r.variants.map((v) => v.name))),
  ];
  const rows: Comparison[] = [];
  for (const name of names(baselines)) {
    if (!names(currents).includes(name)) {
      rows.push(missing(name, 'variant missing from the current run', true));
      continue;
    }
    const base = samplesOf(baselines, name);
    const now = samplesOf(currents, name);
    for (const [metric, info] of Object.entries(METRICS) as [MetricName, MetricInfo][])
      rows.push(
        statRow(name, metric, info, base, now, baselines, currents, options.decide ?? DEFAULT_DECIDE),
      );
  }
  for (const name of names(currents))
    if (!names(baselines).includes(name)) rows.push(missing(name, 'new variant: not in the baseline', false));
  return rows;
}

type TrialSamples = Map<MetricName, MetricSamples>[];

function samplesOf(runs: readonly Results[], variant: string): TrialSamples {
  return runs.flatMap((r) => {
    const v = r.variants.find((x) => x.name === variant);
    return v ? [variantSamples(r, v)] : [];
  });
}

function statRow(
  variant: string,
  metric: MetricName,
  info: MetricInfo,
  base: TrialSamples,
  now: TrialSamples,
  baselines: readonly Results[],
  currents: readonly Results[],
  options: DecideOptions,
): Comparison {
  const b = base.map((t) => t.get(metric)?.values ?? []);
  const c = now.map((t) => t.get(metric)?.values ?? []);
  const first = base[0]?.get(metric) ?? now[0]?.get(metric);
  const source = first?.source ?? 'run';
  const floorRatio = first?.floor_ratio ?? false;
  const floors = baselines.map(floorMedian).filter((f): f is number => f !== null);
  const slack = ABSOLUTE_SLACK[info.unit] / (floorRatio && floors.length > 0 ? median(floors) : 1);
  const ratio = decide(b, c, info.better, slack, options);
  // A timing must change both as a ratio to the floor AND in milliseconds: the ratio cancels a
  // machine that is slower today, the milliseconds a floor that is noisier than the figure (on a
  // busy 2-core machine three bare boots vary 3×, and dividing by them moved every sample of a run).
  const absolute = floorRatio
    ? decide(
        base.map((t) => t.get(metric)?.raw ?? []),
        now.map((t) => t.get(metric)?.raw ?? []),
        info.better,
        ABSOLUTE_SLACK[info.unit],
        options,
      )
    : ratio;
  let verdict = absolute.verdict === ratio.verdict ? ratio.verdict : disagree(ratio.verdict);
  // Probes and 1 s windows of one run share that run's machine state: 120 probes of one run are not
  // 120 independent observations of the app. They are judged only with trials on both sides.
  const clustered =
    (source === 'probe' || source === 'window') && Math.min(base.length, now.length) < MIN_TRIALS;
  if (clustered) verdict = 'not enough data';
  const d = { ...ratio, verdict };
  const figure = (runs: readonly Results[]) => medianFigure(runs, variant, metric);
  const samples = { baseline: d.samples.baseline, current: d.samples.current, source };
  const row = {
    variant,
    metric,
    baseline: figure(baselines),
    current: figure(currents),
    change: d.effect ? d.effect.estimate - 1 : null,
    ratio_based: floorRatio,
    // An informational figure (refused_connects: autocannon's retry loop) is decided but never fails.
    regression: d.verdict === 'regression' && info.informational !== true,
    verdict: d.verdict,
    gate: 'stats' as const,
    effect: d.effect,
    p_value: d.p_value,
    samples,
  };
  const raw =
    absolute === ratio || !absolute.effect
      ? ''
      : `; in ms ×${fmtRatio(absolute.effect.estimate)} (${absolute.verdict})`;
  return { ...row, note: `${describe(row, options)}${raw}` };
}

/** When the floor ratio and the milliseconds disagree: no change, unless there was too little data. */
function disagree(verdict: Verdict): Verdict {
  return verdict === 'not enough data' ? verdict : 'no change';
}

/** "median ratio 1.27 [1.12, 1.41] (95 %), p = 0.003, 20 vs 20 fault samples ÷ floor: regression". */
function describe(row: Omit<Comparison, 'note'>, options: DecideOptions): string {
  const s = row.samples as NonNullable<Comparison['samples']>;
  const count = `${s.baseline} vs ${s.current} ${s.source} samples${row.ratio_based ? ' ÷ floor' : ''}`;
  if (s.baseline === 0 && s.current === 0) return 'not measured in either run';
  if (!row.effect) return `${count}: not enough data (needs ${MIN_SAMPLES} a side)`;
  if (row.verdict === 'not enough data' && (s.source === 'probe' || s.source === 'window'))
    return `median ratio ${fmtRatio(row.effect.estimate)}, ${count}: not enough data (${s.source} samples are judged with ${MIN_TRIALS} trials a side or more)`;
  const e = row.effect;
  const p = row.p_value === null || row.p_value === undefined ? '' : `, p = ${fmtP(row.p_value)}`;
  const interval = `[${fmtRatio(e.low)}, ${fmtRatio(e.high)}] (${Math.round(e.confidence * 100)} %)`;
  const why =
    row.verdict === 'no change'
      ? ` (a change must be significant and beyond ${Math.round(options.minEffect * 100)} %)`
      : '';
  const informational = row.verdict === 'regression' && !row.regression ? ' (informational: not gated)' : '';
  return `median ratio ${fmtRatio(e.estimate)} ${interval}${p}, ${count}: ${row.verdict}${why}${informational}`;
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
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
