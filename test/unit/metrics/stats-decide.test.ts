// The statistics behind `compare` and `ci`, on fixed sample sets with known answers: equal, shifted,
// too few. p-values are SciPy's (mannwhitneyu, method='asymptotic', use_continuity=True).
import { describe, expect, it } from 'vitest';
import { bootstrapRatio, median, medianRatio } from '../../../src/metrics/bootstrap.js';
import { decide, MIN_SAMPLES } from '../../../src/metrics/decide.js';
import { mannWhitney, normalCdf } from '../../../src/metrics/rank-test.js';
import { seededRandom } from '../../../src/metrics/rng.js';

/** 20 restart-like samples around 150 ms (a fixed, skewed set: no randomness in the test). */
const BASE = [
  131, 135, 138, 140, 142, 143, 145, 146, 148, 150, 151, 153, 155, 158, 160, 163, 170, 178, 190, 240,
];
const shifted = (by: number) => BASE.map((v) => v + by);
const OPTIONS = { minEffect: 0.1, confidence: 0.95 };

describe('mannWhitney', () => {
  it('matches SciPy on separated, tied and identical sets', () => {
    expect(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])?.p).toBeCloseTo(0.012185780355, 6);
    const tied = mannWhitney([1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6, 7, 8]);
    expect(tied?.u).toBe(3.5);
    expect(tied?.p).toBeCloseTo(0.004832240869, 6);
    expect(mannWhitney([10, 11, 12, 13, 14, 15], [10, 11, 12, 13, 14, 15])?.p).toBeCloseTo(1, 6);
  });

  it('ranks Infinity (a restart that never finished) above every number', () => {
    expect(mannWhitney([Infinity, Infinity, Infinity], [1, 2, 3])?.superiority).toBe(1);
  });

  it('normalCdf is Φ', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });
});

describe('bootstrapRatio', () => {
  it('is reproducible: the same samples and seed give the same interval', () => {
    const a = bootstrapRatio([BASE], [shifted(40)], { slack: 0, confidence: 0.95, seed: 7 });
    const b = bootstrapRatio([BASE], [shifted(40)], { slack: 0, confidence: 0.95, seed: 7 });
    expect(a).toEqual(b);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it('the estimate is the ratio of medians, inside its interval', () => {
    const r = bootstrapRatio([BASE], [shifted(40)], { slack: 0, confidence: 0.95 });
    expect(r.estimate).toBeCloseTo(median(shifted(40)) / median(BASE), 10);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
    expect(r.low).toBeGreaterThan(1.1);
  });

  it('slack keeps 0 → 1 from being infinite; ∞ ÷ ∞ is 1', () => {
    expect(medianRatio([0, 0, 0], [1, 1, 1], 2)).toBe(1.5);
    expect(medianRatio([Infinity], [Infinity], 0)).toBe(1);
  });

  it('with several trials a side, the interval is wider when the trials disagree', () => {
    const agree = bootstrapRatio([BASE, BASE], [BASE, BASE], { slack: 0, confidence: 0.95 });
    const drift = bootstrapRatio([BASE, shifted(60)], [BASE, shifted(60)], { slack: 0, confidence: 0.95 });
    expect(drift.high - drift.low).toBeGreaterThan(agree.high - agree.low);
  });
});

describe('decide', () => {
  it('equal sets: no change', () => {
    const d = decide([BASE], [[...BASE].reverse()], 'lower', 0, OPTIONS);
    expect(d.verdict).toBe('no change');
    expect(d.effect?.estimate).toBe(1);
    expect(d.p_value).toBeCloseTo(1, 6);
  });

  it('restarts 40 ms slower: regression, with the effect and its interval above 1', () => {
    const d = decide([BASE], [shifted(40)], 'lower', 0, OPTIONS);
    expect(d.verdict).toBe('regression');
    expect(d.effect?.estimate).toBeCloseTo(1.266, 2);
    expect(d.effect?.low).toBeGreaterThan(1);
    expect(d.p_value).toBeLessThan(0.001);
  });

  it('faster: improvement; for a higher-is-better figure, a drop is the regression', () => {
    expect(decide([shifted(40)], [BASE], 'lower', 0, OPTIONS).verdict).toBe('improvement');
    expect(decide([shifted(40)], [BASE], 'higher', 0, OPTIONS).verdict).toBe('regression');
  });

  it('significant but smaller than the minimum effect: no change', () => {
    const d = decide([BASE], [BASE.map((v) => v * 1.05)], 'lower', 0, { minEffect: 0.1, confidence: 0.95 });
    expect(d.verdict).toBe('no change');
  });

  it('too few samples on a side: not enough data, never a guess', () => {
    const few = BASE.slice(0, MIN_SAMPLES - 1);
    const d = decide([few], [shifted(400)], 'lower', 0, OPTIONS);
    expect(d).toMatchObject({ verdict: 'not enough data', effect: null, p_value: null });
    expect(d.samples).toEqual({ baseline: MIN_SAMPLES - 1, current: BASE.length });
  });
});
