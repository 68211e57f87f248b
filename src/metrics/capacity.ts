// capacity_recovery_ms: how long after a fault the load generator's 2xx rate was back for good.
import type { LoadBucket } from '../types.js';
import { rate, type Span, WINDOW_MS, windows } from './spans.js';

/** Capacity counts as recovered from the first window whose rate, and every later one's, is this share of steady state. */
export const CAPACITY_SHARE = 0.9;

/**
 * Fault → start of the first 1 s window (windows aligned to the fault) from which throughput stays
 * >= 90 % of the steady state until the window ends. `no_recovery` when the last window is still
 * below; `too_short` when the window holds no whole 1 s window.
 */
export function capacityRecovery(
  buckets: readonly LoadBucket[],
  window: Span,
  steadyRps: number,
): { ms: number; status: 'ok' } | { ms: null; status: 'no_recovery' | 'too_short' } {
  const rates = windows(window).map((w) => rate(buckets, w));
  if (rates.length === 0) return { ms: null, status: 'too_short' };
  let from = rates.length;
  while (from > 0 && (rates[from - 1] as number) >= CAPACITY_SHARE * steadyRps) from -= 1;
  if (from === rates.length) return { ms: null, status: 'no_recovery' };
  return { ms: from * WINDOW_MS, status: 'ok' };
}
