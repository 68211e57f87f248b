// Medians and ratios of medians: the effect a comparison reports is current ÷ baseline, with an
// interval (decide.ts). Infinity is a valid sample: a restart that never finished.

/** The estimate and its interval; Infinity is a valid bound (a sample that never recovered). */
export interface RatioInterval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

/** The median of numbers (Infinity allowed), or NaN for none. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  // A typed array sorts numerically in native code.
  const s = Float64Array.from(values).sort();
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * (median(current) + slack) ÷ (median(baseline) + slack): the slack (the smallest change that
 * matters, in the samples' unit) keeps 0 → 1 failed request from being "+∞ %". ∞ ÷ ∞ is 1.
 */
export function medianRatio(baseline: ArrayLike<number>, current: ArrayLike<number>, slack: number): number {
  const b = median(baseline) + slack;
  const c = median(current) + slack;
  if (b === c) return 1;
  if (b === 0) return Number.POSITIVE_INFINITY;
  return c / b;
}
