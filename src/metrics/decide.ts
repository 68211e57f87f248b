// The verdict on one metric from repeated samples on each side: a change counts only when it is
// both significant (the rank test AND the bootstrap interval exclude "no change") and large enough
// to matter (the median ratio beyond the minimum effect). Everything else is "no change", and a
// side with too few samples is "not enough data", never a guess.
import type { Better } from '../catalog.js';
import { bootstrapRatio, type RatioInterval } from './bootstrap.js';
import { mannWhitney } from './rank-test.js';

/** The four answers a statistical comparison can give. */
export type Verdict = 'regression' | 'improvement' | 'no change' | 'not enough data';

/** Fewer samples than this on a side cannot show a change with a rank test at α = 0.05 (n=4+4 gives p ≥ 0.06). */
export const MIN_SAMPLES = 5;

/** How a verdict is reached: the defaults `compare` and `ci` use. */
export interface DecideOptions {
  /** The smallest relative change that matters (0.1 = 10 %). */
  minEffect: number;
  /** Confidence of the interval; the rank test uses α = 1 − confidence. */
  confidence: number;
  seed?: number;
}

/**
 * Runs of each scenario `resilab ci` makes by default. The per-fault samples of one run (20 restarts)
 * already give the restart gate its samples; see the README ("How resilab decides a regression")
 * for the measured false-alarm and detection rates this default gives.
 */
export const DEFAULT_TRIALS = 1;

/** The default decision rule: 95 % interval, α = 0.05, changes under 10 % do not matter. */
export const DEFAULT_DECIDE: DecideOptions = { minEffect: 0.1, confidence: 0.95 };

/** A verdict with its evidence: the effect (median ratio current ÷ baseline) and its interval. */
export interface Decision {
  verdict: Verdict;
  /** null when a side had too few samples to say. */
  effect: RatioInterval | null;
  /** Two-sided Mann–Whitney p-value, or null. */
  p_value: number | null;
  samples: { baseline: number; current: number };
}

/**
 * Decides one metric. `baseline` and `current` hold one array of samples per trial; `slack` is the
 * smallest change that matters in the samples' unit (see medianRatio).
 */
export function decide(
  baseline: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  better: Better,
  slack: number,
  options: DecideOptions = DEFAULT_DECIDE,
): Decision {
  const b = baseline.flat();
  const c = current.flat();
  const samples = { baseline: b.length, current: c.length };
  if (b.length < MIN_SAMPLES || c.length < MIN_SAMPLES)
    return { verdict: 'not enough data', effect: null, p_value: null, samples };
  const effect = bootstrapRatio(baseline, current, {
    slack,
    confidence: options.confidence,
    seed: options.seed,
  });
  const test = mannWhitney(c, b);
  const p = test?.p ?? 1;
  const significant = p < 1 - options.confidence;
  const up = effect.low > 1 && effect.estimate >= 1 + options.minEffect;
  const down = effect.high < 1 && effect.estimate <= 1 / (1 + options.minEffect);
  let verdict: Verdict = 'no change';
  if (significant && (up || down)) verdict = up === (better === 'lower') ? 'regression' : 'improvement';
  return { verdict, effect, p_value: p, samples };
}
