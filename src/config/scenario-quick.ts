// `--quick`: the same scenario in a few seconds per variant, for smoke runs and CI. Phase lengths and
// fault times shrink by one factor; timeouts, probe intervals, rates and sizes do not (they describe
// the app and the measurement, not how long to watch).
import { LabError, quote } from '../errors.js';
import type { FaultSpec, Scenario } from '../types.js';

/** The load length a quick run aims at. */
export const QUICK_LOAD_MS = 3_000;
/** Never shorter: a fault needs a steady window before it and time to recover after it. */
const MIN_LOAD_MS = 2_000;
/**
 * Throughput is measured in 1 s windows: the first fault keeps room for one before it, plus the
 * moment the load generator needs to start (its worker and connections: up to ~0.5 s on a busy box).
 */
const MIN_STEADY_MS = 1_500;
/** After the last fault, at least this long is watched. */
const MIN_AFTER_LAST_FAULT_MS = 1_000;
const MIN_WARMUP_MS = 250;
/** A freeze or a leak shorter than this shows nothing. */
const MIN_FAULT_DURATION_MS = 200;

/** Scales every phase length and fault time by `factor` (default: load ≈ 3 s), within sane minimums. */
export function quickScenario(s: Scenario, factor?: number): Scenario {
  const wanted = factor ?? Math.min(1, QUICK_LOAD_MS / s.load.duration_ms);
  if (!(Number.isFinite(wanted) && wanted > 0 && wanted <= 1))
    throw new LabError(
      'RESILAB_E_USAGE',
      `quick factor: expected a number above 0 and at most 1, got ${quote(factor)}`,
    );
  let duration = Math.max(Math.round(s.load.duration_ms * wanted), Math.min(MIN_LOAD_MS, s.load.duration_ms));
  const f = duration / s.load.duration_ms;
  const scale = (ms: number, min: number) => Math.max(Math.round(ms * f), Math.min(min, ms));
  // Faults move by one shift so the first keeps a steady window before it and the gaps keep their shape.
  const first = Math.min(...s.faults.map((fault) => fault.at_ms));
  const shift =
    s.faults.length === 0 ? 0 : Math.max(0, Math.min(first, MIN_STEADY_MS) - Math.round(first * f));
  const faults = s.faults.map((fault) => scaleFault(fault, Math.round(fault.at_ms * f) + shift, scale));
  const lastAt = faults.reduce((latest, fault) => Math.max(latest, fault.at_ms), 0);
  if (faults.length > 0) duration = Math.max(duration, lastAt + MIN_AFTER_LAST_FAULT_MS);
  return {
    ...s,
    load: { ...s.load, duration_ms: duration, warmup_ms: scale(s.load.warmup_ms, MIN_WARMUP_MS) },
    faults,
  };
}

function scaleFault(fault: FaultSpec, at_ms: number, scale: (ms: number, min: number) => number): FaultSpec {
  if (fault.kind === 'freeze' || fault.kind === 'leak')
    return { ...fault, at_ms, duration_ms: scale(fault.duration_ms, MIN_FAULT_DURATION_MS) };
  return { ...fault, at_ms };
}
