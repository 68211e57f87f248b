// Holm–Bonferroni: a compare judges many metrics at once, and the gate fails if any one of them is a
// regression; testing each at p < 0.05 would raise a false alarm far more often than 1 in 20. Holm's
// step-down keeps the chance of any false alarm in the family at α, whatever the metrics' correlation.

/** Holm-adjusted p-values, in the order given (each ≥ its raw p, at most 1). */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
