// The verdict on one metric from repeated trials: each trial (run) is summarised by the median of its
// samples, and the trials' summaries are compared (Welch's t-test on their logarithms: a ratio of
// geometric means, with an interval). Samples within one run share that run's machine state, so
// pooling them as independent observations called run-to-run drift a regression (4 in 20 back-to-back
// compares of unchanged runs). A change counts only when it is significant (after the family's
// correction, see holm.ts) and larger than the minimum effect; one trial a side cannot show how much
// runs drift, so it is "not enough data", never a guess.
import type { Better } from '../catalog.js';
import { mannWhitney } from './rank-test.js';
import { median, medianRatio, type RatioInterval } from './ratio.js';
import { studentQuantile, welch } from './t-test.js';

/** The four answers a statistical comparison can give. */
export type Verdict = 'regression' | 'improvement' | 'no change' | 'not enough data';

/** Trials a side a verdict needs: with one, nothing shows how much one run differs from the next. */
export const MIN_TRIALS = 2;

/** How a verdict is reached: the defaults `compare` and `ci` use. */
export interface DecideOptions {
  /** The smallest relative change that matters (0.1 = 10 %). */
  minEffect: number;
  /** Confidence of the interval; the test uses α = 1 − confidence (for the whole family of metrics). */
  confidence: number;
}

/**
 * Runs of each scenario `resilab ci` makes by default. False alarms stay under 1 in 20 with any
 * number of trials (a recorded corpus, bench/gate-eval.js); detection is what needs trials: 6 a side
 * catch a +33 % restart about 19 times in 20 when runs differ by ~8 % (bench/gate-eval.js --power).
 * See the README ("How resilab decides a regression").
 */
export const DEFAULT_TRIALS = 6;

/**
 * The default decision rule: 95 %, α = 0.05 for the family, changes under 15 % do not matter. On a
 * quiet 2-core machine a whole group of runs drifted by up to 14 % against the one before it (median
 * restart 105 → 120 ms) while runs within a group varied ~5 %: a drift that real cannot be told
 * from a change by any test, so the smallest change that counts must be larger than it.
 */
export const DEFAULT_DECIDE: DecideOptions = { minEffect: 0.15, confidence: 0.95 };

/** A verdict with its evidence: the effect (ratio current ÷ baseline) and its interval. */
export interface Decision {
  verdict: Verdict;
  /** null when a side had too few trials to say. */
  effect: RatioInterval | null;
  /** The test's two-sided p-value (before the family's correction), or null. */
  p_value: number | null;
  samples: { baseline: number; current: number };
  trials: { baseline: number; current: number };
}

/** One trial's summary: the median of its samples plus the slack (see medianRatio), or null for none. */
export function trialSummary(samples: readonly number[], slack: number): number | null {
  return samples.length === 0 ? null : median(samples) + slack;
}

/**
 * Tests one metric. `baseline` and `current` hold one array of samples per trial; `slack` is the
 * smallest change that matters in the samples' unit (it keeps 0 → 1 failed request from being +∞ %).
 */
export function decide(
  baseline: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  better: Better,
  slack: number,
  options: DecideOptions = DEFAULT_DECIDE,
): Decision {
  const sum = (groups: readonly (readonly number[])[]) =>
    groups.map((g) => trialSummary(g, slack)).filter((v): v is number => v !== null);
  const b = sum(baseline);
  const c = sum(current);
  const samples = { baseline: baseline.flat().length, current: current.flat().length };
  const trials = { baseline: b.length, current: c.length };
  if (b.length < MIN_TRIALS || c.length < MIN_TRIALS)
    return { verdict: 'not enough data', effect: null, p_value: null, samples, trials };
  const { effect, p } = test(b, c, options.confidence);
  return { verdict: verdictOf(effect.estimate, p, better, options), effect, p_value: p, samples, trials };
}

/** The verdict from a (corrected) p-value and the effect: significant AND beyond the minimum effect. */
export function verdictOf(estimate: number, p: number, better: Better, options: DecideOptions): Verdict {
  const up = estimate >= 1 + options.minEffect;
  const down = estimate <= 1 / (1 + options.minEffect);
  if (p >= 1 - options.confidence || !(up || down)) return 'no change';
  return up === (better === 'lower') ? 'regression' : 'improvement';
}

/** Welch on log summaries; a trial that never recovered (∞) leaves only ranks to compare. */
function test(b: number[], c: number[], confidence: number): { effect: RatioInterval; p: number } {
  const finite = [...b, ...c].every((v) => Number.isFinite(v) && v > 0);
  if (!finite) {
    const rank = mannWhitney(c, b);
    const estimate = medianRatio(b, c, 0);
    return { effect: { estimate, low: Number.NaN, high: Number.NaN, confidence }, p: rank?.p ?? 1 };
  }
  const w = welch(b.map(Math.log), c.map(Math.log)) as NonNullable<ReturnType<typeof welch>>;
  const half = w.se === 0 ? 0 : studentQuantile(1 - (1 - confidence) / 2, w.df) * w.se;
  const effect = {
    estimate: Math.exp(w.diff),
    low: Math.exp(w.diff - half),
    high: Math.exp(w.diff + half),
    confidence,
  };
  return { effect, p: w.p };
}
