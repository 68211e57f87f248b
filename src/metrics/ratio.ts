// A bootstrap confidence interval of the ratio of medians (current ÷ baseline). Samples come in
// groups, one per trial (run): with two or more trials a side, trials are resampled first and then
// samples within each, so the interval also covers what changes from one run to the next (a shared
// machine's drift), not only the spread inside one run.
import { pick, seededRandom } from './rng.js';

/** Resamples drawn for an interval: enough for a stable 95 % percentile interval, cheap enough for ~60 rows. */
export const RESAMPLES = 2000;

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
  // A typed array sorts numerically in native code: the bootstrap takes thousands of medians.
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

/** The percentile bootstrap interval of medianRatio, seeded: the same samples give the same interval. */
export function bootstrapRatio(
  baseline: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  options: { slack: number; confidence: number; seed?: number; resamples?: number },
): RatioInterval {
  const random = seededRandom(options.seed);
  const resamples = options.resamples ?? RESAMPLES;
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++)
    ratios.push(medianRatio(resample(baseline, random), resample(current, random), options.slack));
  ratios.sort((a, b) => a - b);
  const tail = (1 - options.confidence) / 2;
  const at = (q: number) =>
    ratios[Math.min(ratios.length - 1, Math.max(0, Math.floor(q * ratios.length)))] as number;
  return {
    estimate: medianRatio(baseline.flat(), current.flat(), options.slack),
    low: at(tail),
    high: at(1 - tail),
    confidence: options.confidence,
  };
}

/** One bootstrap sample: trials drawn with replacement (when there are two or more), then samples within each. */
function resample(groups: readonly (readonly number[])[], random: () => number): Float64Array {
  const chosen =
    groups.length >= 2 ? groups.map(() => groups[pick(random, groups.length)] as number[]) : groups;
  const out = new Float64Array(chosen.reduce((n, g) => n + g.length, 0));
  let k = 0;
  for (const group of chosen)
    for (let i = 0; i < group.length; i++) out[k++] = group[pick(random, group.length)] as number;
  return out;
}
