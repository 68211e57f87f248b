// Notes attached to figures: why one is null, tainted or to be read with care.
import type { MetricFlag } from '../types.js';

/** One flag on one metric ('*' for the whole variant). */
export function flag(metric: string, code: MetricFlag['code'], message: string): MetricFlag {
  return { metric, code, message };
}

/** "crash at 4s": how a fault is named in a variant's flags. */
export function faultLabel(kind: string, atMs: number): string {
  const at = atMs % 1000 === 0 ? `${atMs / 1000}s` : `${Math.round(atMs)}ms`;
  return `${kind} at ${at}`;
}
