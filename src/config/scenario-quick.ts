// `--quick`: the same scenario in a few seconds per variant, for smoke runs and CI. Phase lengths,
// fault times and fault lengths (a freeze, a dependency's down_for) shrink by one factor; timeouts,
// probe intervals, rates and sizes do not (they describe the app and the measurement, not how long
// to watch).
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
/**
 * After a fault, at least this long is watched (never more than the full scenario watched): a crash
 * needs a restart, a reload or restart replaces every instance one after the other (each a boot of
 * up to ~1.3 s on a busy box), a freeze or a leak first has to end.
 */
const MIN_WATCH_AFTER_MS: Record<FaultSpec['kind'], number> = {
  crash: 1_500,
  kill: 1_500,
  freeze: 1_000,
  hang: 1_500,
  leak: 1_000,
  cpu: 1_000,
  reload: 3_000,
  restart: 3_000,
  scale: 2_000,
  'boot-crash': 2_000,
  // the server has to come back, then the app (a crash loop, a reconnect with backoff)
  dependency: 3_000,
  network: 1_000,
};
const MIN_WARMUP_MS = 250;
/** A freeze or a leak shorter than this shows nothing. */
const MIN_FAULT_DURATION_MS = 200;
/**
 * A dependency outage shorter than this shows no crash loop: an app that exits on a lost connection
 * needs max_restarts (16) boots of ~150–170 ms each on an idle 2-core box (~2.6 s) to reach
 * `errored` while it is down; 4 s keeps the ~1.5× margin db-outage's CI runs have passed with (the
 * database is unreachable a few hundred ms longer than down_for, while it stops).
 */
const MIN_OUTAGE_MS = 4_000;

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
  faults.forEach((fault, i) => {
    const original = s.faults[i] as FaultSpec;
    const watched = Math.min(MIN_WATCH_AFTER_MS[fault.kind], s.load.duration_ms - original.at_ms);
    duration = Math.max(duration, fault.at_ms + busyFor(fault) + watched);
  });
  return {
    ...s,
    load: {
      ...s.load,
      duration_ms: duration,
      warmup_ms: scale(s.load.warmup_ms, MIN_WARMUP_MS),
      // Open-model ramps keep their shape and rates; only their lengths shrink.
      ...(s.load.stages
        ? { stages: s.load.stages.map((st) => ({ ...st, duration_ms: Math.round(st.duration_ms * f) })) }
        : {}),
    },
    faults,
  };
}

/** How long a fault itself lasts once started (a freeze or a leak runs for its duration). */
function busyFor(fault: FaultSpec): number {
  if (fault.kind === 'dependency') return fault.down_for_ms;
  return fault.kind === 'freeze' || fault.kind === 'leak' || fault.kind === 'network' ? fault.duration_ms : 0;
}

function scaleFault(fault: FaultSpec, at_ms: number, scale: (ms: number, min: number) => number): FaultSpec {
  if (fault.kind === 'freeze' || fault.kind === 'leak' || fault.kind === 'network')
    return { ...fault, at_ms, duration_ms: scale(fault.duration_ms, MIN_FAULT_DURATION_MS) };
  if (fault.kind === 'dependency')
    return { ...fault, at_ms, down_for_ms: scale(fault.down_for_ms, MIN_OUTAGE_MS) };
  return { ...fault, at_ms };
}
