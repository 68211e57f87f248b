// A variant's fault figures from its faults: timings are the worst (longest) over the faults, and a
// fault that never recovered makes the variant's figure null too (never a smaller number).
import type { FaultMetrics, FaultResult, MetricFlag } from '../types.js';
import { faultLabel, flag } from './flags.js';
import { maxOf } from './stats.js';

/** Fault timings aggregated as the longest over the faults. */
export const FAULT_TIMINGS = [
  'downtime_ms',
  'time_to_first_success_ms',
  'detect_ms',
  'hang_detect_ms',
  'restart_ms',
  'capacity_recovery_ms',
  'reload_ms',
  'restart_overhead_ms',
  'dependency_recovery_ms',
  'fault_latency_p99_ms',
] as const;

/** The variant's fault figures and the faults' flags, each named after its fault. */
export function aggregateFaults(faults: readonly FaultResult[]) {
  const figures: Pick<FaultMetrics, (typeof FAULT_TIMINGS)[number] | 'reload_failed_requests'> = {
    fault_latency_p99_ms: null,
    downtime_ms: null,
    time_to_first_success_ms: null,
    detect_ms: null,
    hang_detect_ms: null,
    restart_ms: null,
    capacity_recovery_ms: null,
    reload_ms: null,
    restart_overhead_ms: null,
    dependency_recovery_ms: null,
    reload_failed_requests: null,
  };
  for (const metric of FAULT_TIMINGS) {
    const unrecovered = faults.some(
      (f) =>
        f.metrics[metric] == null && f.flags.some((x) => x.metric === metric && x.code === 'no_recovery'),
    );
    figures[metric] = unrecovered ? null : maxOf(faults.map((f) => f.metrics[metric] ?? null));
  }
  // reload_failed_requests: a count, so the total over the reloads (null when one did not finish).
  const reloads = faults.filter((f) => f.kind === 'reload');
  const perReload = reloads.map((f) => f.metrics.reload_failed_requests);
  figures.reload_failed_requests =
    reloads.length === 0 || perReload.includes(null)
      ? null
      : perReload.reduce((a: number, b) => a + (b ?? 0), 0);
  const flags: MetricFlag[] = faults.flatMap((f) =>
    f.flags.map((x) => flag(x.metric, x.code, `${faultLabel(f.kind, f.at_ms)}: ${x.message}`)),
  );
  return { figures, flags };
}
