// dependency_recovery_ms: the dependency is back (its server ready again: the fault's t_end) → the
// first successful probe that started after that. What the app adds to a database outage: zero-ish
// for an app that reconnects, a crash loop's backoff for one that exits, never for one left errored.
import type { FaultRecord, MetricFlag, ProbeSample } from '../types.js';
import { flag } from './flags.js';
import type { Span } from './spans.js';

/** The figure for a `dependency` fault that brought its server back; null (with a flag when it should have been measured) otherwise. */
export function dependencyRecovery(
  fault: FaultRecord,
  probes: readonly ProbeSample[],
  window: Span,
): { ms: number | null; flag: MetricFlag | null } {
  if (fault.kind !== 'dependency' || fault.t_end === null) return { ms: null, flag: null };
  const back = fault.t_end;
  if (probes.length === 0)
    return { ms: null, flag: flag('dependency_recovery_ms', 'no_probe', 'the probe was off') };
  let first: number | null = null;
  for (const p of probes) {
    if (!p.ok || p.t_start < back || p.t_end > window.end) continue;
    if (first === null || p.t_end < first) first = p.t_end;
  }
  if (first === null)
    return {
      ms: null,
      flag: flag('dependency_recovery_ms', 'no_recovery', 'no probe succeeded after the dependency was back'),
    };
  return { ms: first - back, flag: null };
}
