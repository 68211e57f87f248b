// Small statistics over plain numbers, shared by every metric. Pure; empty input → null.

/** The arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The q-quantile (0..1) with linear interpolation between ranks, or null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

/** The largest value, or null for no values. */
export function max(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/** The largest of the numbers that are not null, or null when there is none. */
export function maxOf(values: readonly (number | null)[]): number | null {
  return max(values.filter((v): v is number => v !== null));
}

/** Bytes → MiB (1024-based, as the catalog's unit). */
export function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}
