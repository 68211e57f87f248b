// The Mann–Whitney U test: does one set of samples tend to be larger than the other? It assumes no
// shape (restart times are skewed, with a long tail on a busy machine), only that samples are
// independent. Normal approximation with tie and continuity corrections (as SciPy's 'asymptotic').

/** The test's result: U of the first set, the two-sided p-value, and P(first > second) + ½ P(tie). */
export interface RankTest {
  u: number;
  p: number;
  /** The common-language effect size: 0.5 = no tendency, 1 = every first sample is larger. */
  superiority: number;
}

/** Mann–Whitney U of `a` against `b` (Infinity is allowed: it ranks above every number). */
export function mannWhitney(a: readonly number[], b: readonly number[]): RankTest | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) =>
    x.v === y.v ? 0 : x.v < y.v ? -1 : 1,
  );
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && (all[j + 1] as { v: number }).v === (all[i] as { v: number }).v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) if ((all[k] as { first: boolean }).first) rankSum += rank;
    i = j + 1;
  }
  const n = n1 + n2;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const superiority = u / (n1 * n2);
  if (variance <= 0) return { u, p: 1, superiority };
  const z = Math.max(0, Math.abs(u - mu) - 0.5) / Math.sqrt(variance);
  return { u, p: Math.min(1, 2 * (1 - normalCdf(z))), superiority };
}

/** Φ(z), the standard normal distribution function (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
