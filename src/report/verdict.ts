// How a comparison's verdict reads in every output (terminal, summary.md, JUnit): the effect with its
// interval for the statistical gate, the change for the tolerance gate, and one line saying how it
// was decided. Pure.
import type { Comparison } from '../metrics/compare.js';

/** "×1.27 [1.12–1.41]" (median ratio and interval), "+12.0%" (tolerance gate), or "" when there is none. */
export function effectText(row: Comparison): string {
  if (row.gate === 'stats') {
    const e = row.effect;
    if (!e) return row.samples ? `n=${row.samples.baseline}/${row.samples.current}` : '';
    return `×${ratio(e.estimate)} [${ratio(e.low)}–${ratio(e.high)}]`;
  }
  if (row.change === null) return '';
  return `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%${row.ratio_based ? ' (floor ratio)' : ''}`;
}

/** Whether a row was measured at all: a figure on either side, or samples (the variant's figure may be
 * null when one fault never recovered while its other faults still gave samples). */
export function measured(row: Comparison): boolean {
  const samples = row.samples ? row.samples.baseline + row.samples.current : 0;
  return row.baseline !== null || row.current !== null || row.metric === '*' || samples > 0;
}

/** Counts per verdict: "1 regression, 2 improvements, 20 no change, 9 not enough data". */
export function verdictCounts(rows: readonly Comparison[]): string {
  const shown = rows.filter(measured);
  const count = (v: Comparison['verdict']) => shown.filter((r) => r.verdict === v).length;
  const parts = [
    [count('regression'), 'regression', 'regressions'],
    [count('improvement'), 'improvement', 'improvements'],
    [count('no change'), 'no change', 'no change'],
    [count('not enough data'), 'not enough data', 'not enough data'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

/** One line saying how the rows were decided. */
export function gateLine(
  rows: readonly Comparison[],
  options: { tolerance: number; minEffect?: number },
): string {
  const stats = rows.find((r) => r.gate === 'stats' && r.effect);
  if (rows.some((r) => r.gate === 'stats')) {
    const confidence = stats?.effect ? Math.round(stats.effect.confidence * 100) : 95;
    const min = Math.round((options.minEffect ?? 0.1) * 100);
    return `Statistical gate: each run is one trial, summarised by its median; a change is a regression or an improvement when Welch's t-test on the trials (log medians) gives p < ${((100 - confidence) / 100).toFixed(2)} after Holm's correction over every sample set compared, and the ratio is beyond ${min} %; timings in ms; one trial a side is not enough data. ${verdictCounts(rows)}.`;
  }
  return `Tolerance ${Math.round(options.tolerance * 100)}%; timings compared as ratios to each run's floor when both have one.`;
}

function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '∞';
}
