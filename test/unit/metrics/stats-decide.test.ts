// The statistics behind `compare` and `ci`, on fixed sample sets with known answers: equal, shifted,
// too few. Reference values are SciPy's (scipy.stats.ttest_ind(equal_var=False), t.cdf, t.ppf,
// beta.cdf, mannwhitneyu(method='asymptotic')); Holm's adjustment is worked by hand.
import { describe, expect, it } from 'vitest';
import { decide, MIN_TRIALS, trialSummary, verdictOf } from '../../../src/metrics/decide.js';
import { holm } from '../../../src/metrics/holm.js';
import { mannWhitney, normalCdf } from '../../../src/metrics/rank-test.js';
import { median, medianRatio } from '../../../src/metrics/ratio.js';
import { incompleteBeta, studentCdf, studentQuantile, welch } from '../../../src/metrics/t-test.js';

/** 20 restart-like samples around 150 ms (a fixed, skewed set: no randomness in the test). */
const BASE = [
  131, 135, 138, 140, 142, 143, 145, 146, 148, 150, 151, 153, 155, 158, 160, 163, 170, 178, 190, 240,
];
const shifted = (by: number) => BASE.map((v) => v + by);
const OPTIONS = { minEffect: 0.1, confidence: 0.95 };
/** Three trials a side, each run a few ms off the others (a little run-to-run drift). */
const trials = (by: number) => [shifted(by), shifted(by + 3), shifted(by + 1)];

describe('Student t and the incomplete beta', () => {
  it('match SciPy', () => {
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 9);
    expect(incompleteBeta(0.9, 0.5, 3)).toBeCloseTo(0.9996750253207289, 9);
    expect(studentCdf(1.5, 3.7)).toBeCloseTo(0.8932009153989933, 9);
    expect(studentCdf(-2.2, 2)).toBeCloseTo(0.07940448790397009, 9);
    expect(studentQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 7);
    expect(studentQuantile(0.995, 7.5)).toBeCloseTo(3.421422688124044, 7);
  });

  it("Welch's test matches SciPy's ttest_ind(equal_var=False)", () => {
    const w = welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 8]);
    expect((w?.diff ?? 0) / (w?.se ?? 1)).toBeCloseTo(1.9756583222945239, 9);
    expect(w?.df).toBeCloseTo(7.711133400200603, 9);
    expect(w?.p).toBeCloseTo(0.08495606629724337, 9);
    expect(welch([1], [2, 3])).toBeNull();
  });
});

describe('holm', () => {
  it('adjusts step-down, keeps the order given, never above 1', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    for (const [i, p] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(p, 12);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });
});

describe('mannWhitney (the fallback when a trial never recovered)', () => {
  it('matches SciPy on separated, tied and identical sets', () => {
    expect(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])?.p).toBeCloseTo(0.012185780355, 6);
    const tied = mannWhitney([1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6, 7, 8]);
    expect(tied?.u).toBe(3.5);
    expect(tied?.p).toBeCloseTo(0.004832240869, 6);
    expect(mannWhitney([10, 11, 12, 13, 14, 15], [10, 11, 12, 13, 14, 15])?.p).toBeCloseTo(1, 6);
  });

  it('ranks Infinity (a restart that never finished) above every number; normalCdf is Φ', () => {
    expect(mannWhitney([Infinity, Infinity, Infinity], [1, 2, 3])?.superiority).toBe(1);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
});

describe('medians and ratios', () => {
  it('slack keeps 0 → 1 from being infinite; ∞ ÷ ∞ is 1; a trial is summarised by its median', () => {
    expect(medianRatio([0, 0, 0], [1, 1, 1], 2)).toBe(1.5);
    expect(medianRatio([Infinity], [Infinity], 0)).toBe(1);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(trialSummary([3, 1, 2], 10)).toBe(12);
    expect(trialSummary([], 10)).toBeNull();
  });
});

describe('decide (on trials)', () => {
  it('equal trials: no change', () => {
    const d = decide(trials(0), trials(0), 'lower', 0, OPTIONS);
    expect(d).toMatchObject({ verdict: 'no change', p_value: 1 });
    expect(d.effect?.estimate).toBe(1);
  });

  it('restarts 40 ms slower in every trial: regression, ratio and p as SciPy gives them', () => {
    const d = decide(trials(0), trials(40), 'lower', 0, OPTIONS);
    expect(d.verdict).toBe('regression');
    expect(d.effect?.estimate).toBeCloseTo(1.263462641364667, 9);
    expect(d.p_value).toBeCloseTo(9.619719922736413e-6, 9);
    expect(d.trials).toEqual({ baseline: 3, current: 3 });
    expect(d.samples).toEqual({ baseline: 60, current: 60 });
  });

  it('the interval is Welch’s on the log trial medians (SciPy: 1.2635 [1.1338, 1.4080])', () => {
    const d = decide([[100], [110], [105]], [[130], [140], [128]], 'lower', 0, OPTIONS);
    expect(d.p_value).toBeCloseTo(0.0038945033343465024, 9);
    expect(d.effect?.estimate).toBeCloseTo(1.2634744318655438, 9);
    expect(d.effect?.low).toBeCloseTo(1.1337794144484896, 6);
    expect(d.effect?.high).toBeCloseTo(1.408005489987211, 6);
  });

  it('faster: improvement; for a higher-is-better figure, a drop is the regression', () => {
    expect(decide(trials(40), trials(0), 'lower', 0, OPTIONS).verdict).toBe('improvement');
    expect(decide(trials(40), trials(0), 'higher', 0, OPTIONS).verdict).toBe('regression');
  });

  it('significant but smaller than the minimum effect: no change', () => {
    expect(verdictOf(1.05, 0.001, 'lower', OPTIONS)).toBe('no change');
    expect(verdictOf(1.2, 0.06, 'lower', OPTIONS)).toBe('no change');
    expect(verdictOf(1.2, 0.01, 'lower', OPTIONS)).toBe('regression');
  });

  it('runs that drift as much as the change: no change, however many samples each run has', () => {
    // Within each run the shift is clear (20 samples); between runs it is not.
    const d = decide([shifted(0), shifted(60)], [shifted(30), shifted(90)], 'lower', 0, OPTIONS);
    expect(d.verdict).toBe('no change');
    expect(d.p_value).toBeGreaterThan(0.05);
  });

  it(`fewer than ${MIN_TRIALS} trials a side: not enough data, never a guess`, () => {
    const d = decide([BASE], trials(400), 'lower', 0, OPTIONS);
    expect(d).toMatchObject({ verdict: 'not enough data', effect: null, p_value: null });
    expect(d.trials).toEqual({ baseline: 1, current: 3 });
  });

  it('a trial that never recovered (∞) is judged by ranks', () => {
    const d = decide(trials(0), [[Infinity], [Infinity], [Infinity]], 'lower', 0, OPTIONS);
    expect(d.effect?.estimate).toBe(Infinity);
    expect(d.p_value).toBeGreaterThan(0);
  });
});
