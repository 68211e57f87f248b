// Every figure resilab reports, with its unit and which direction is better: one table that
// thresholds, `compare`, the terminal summary and the reports all read, so a name means one thing.

export type Better = 'lower' | 'higher';

export interface MetricInfo {
  unit: 'ms' | 'req/s' | 'count' | 'MiB' | '%' | 'ratio';
  better: Better;
  /** A timing whose absolute value drifts on a noisy machine: compare also checks it as a ratio to the floor. */
  timing: boolean;
  /** Shown but never failing the statistical gate: a figure of the load generator more than of the app. */
  informational?: true;
  label: string;
  /**
   * Also measured per fault, over the fault's window. The variant's figure is then the worst fault's
   * for timings, the total over its reloads for reload_failed_requests, and the whole load's for
   * failed_requests and refused_connects.
   */
  fault?: true;
}

/** The metric names of DESIGN.md, flattened (latency_ms → latency_p50_ms, …). */
export const METRICS = {
  throughput_rps: {
    unit: 'req/s',
    better: 'higher',
    timing: false,
    label: 'throughput (mean of 1 s windows)',
  },
  throughput_p50_rps: {
    unit: 'req/s',
    better: 'higher',
    timing: false,
    label: 'throughput (p50 of 1 s windows)',
  },
  latency_p50_ms: { unit: 'ms', better: 'lower', timing: true, label: 'latency p50' },
  latency_p90_ms: { unit: 'ms', better: 'lower', timing: true, label: 'latency p90' },
  latency_p99_ms: { unit: 'ms', better: 'lower', timing: true, label: 'latency p99' },
  latency_p999_ms: { unit: 'ms', better: 'lower', timing: true, label: 'latency p99.9' },
  latency_max_ms: { unit: 'ms', better: 'lower', timing: true, label: 'latency max' },
  service_latency_p50_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'service latency p50 (from the send)',
  },
  service_latency_p90_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'service latency p90 (from the send)',
  },
  service_latency_p99_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'service latency p99 (from the send)',
  },
  service_latency_p999_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'service latency p99.9 (from the send)',
  },
  service_latency_max_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'service latency max (from the send)',
  },
  offered_rps: {
    unit: 'req/s',
    better: 'higher',
    timing: false,
    label: 'offered arrival rate (open model, mean of 1 s windows)',
  },
  probe_latency_p50_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'probe latency p50 (fresh connections)',
  },
  probe_latency_p99_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'probe latency p99 (fresh connections)',
  },
  probe_availability: {
    unit: 'ratio',
    better: 'higher',
    timing: false,
    label: 'share of probes that succeeded',
  },
  failed_requests: { fault: true, unit: 'count', better: 'lower', timing: false, label: 'failed requests' },
  dropped_requests: {
    fault: true,
    unit: 'count',
    better: 'lower',
    timing: false,
    label: 'arrivals dropped: every connection busy (open model)',
  },
  fault_latency_p99_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: "latency p99 over the fault's window",
  },
  refused_connects: {
    fault: true,
    informational: true,
    unit: 'count',
    better: 'lower',
    timing: false,
    label: 'refused connection attempts',
  },
  downtime_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'downtime (longest gap with no successful probe)',
  },
  time_to_first_success_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'fault → first successful probe from a process that serves after it',
  },
  detect_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'fault → unexpected exit or memory limit detected',
  },
  hang_detect_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'fault → hung or unhealthy detected',
  },
  restart_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'exit (or hung/unhealthy) → replacement listening',
  },
  restart_p50_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'exit → replacement listening, p50 over the faults',
  },
  restart_p95_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'exit → replacement listening, p95 over the faults',
  },
  restart_p50_over_floor: {
    unit: 'ratio',
    better: 'lower',
    timing: false,
    label: 'restart p50 ÷ bare boot (floor) of the same run',
  },
  detect_p50_ms: {
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'fault → unexpected exit or memory limit detected, p50',
  },
  restart_overhead_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: false,
    label: 'restart − bare boot (floor): what the supervisor adds',
  },
  capacity_recovery_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'fault → throughput back to 90 %',
  },
  dependency_recovery_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'dependency back → first successful probe',
  },
  reload_ms: {
    fault: true,
    unit: 'ms',
    better: 'lower',
    timing: true,
    label: 'reload duration (reload faults)',
  },
  reload_failed_requests: {
    fault: true,
    unit: 'count',
    better: 'lower',
    timing: false,
    label: 'failed requests during reload',
  },
  restarts: { unit: 'count', better: 'lower', timing: false, label: 'restarts' },
  errored: {
    unit: 'count',
    better: 'lower',
    timing: false,
    label: 'instances errored (the supervisor gave up restarting)',
  },
  boots_to_errored: {
    unit: 'count',
    better: 'lower',
    timing: false,
    label: 'crash-loop boots before errored (unstable exits in a row)',
  },
  peak_rss_mb: { unit: 'MiB', better: 'lower', timing: false, label: 'peak RSS of an instance' },
  supervisor_peak_rss_mb: {
    unit: 'MiB',
    better: 'lower',
    timing: false,
    label: 'peak RSS of the supervisor',
  },
  cpu_pct: { unit: '%', better: 'lower', timing: false, label: 'CPU of the instances (mean)' },
  event_loop_delay_p50_ms: { unit: 'ms', better: 'lower', timing: true, label: 'event-loop delay p50' },
  event_loop_delay_max_ms: { unit: 'ms', better: 'lower', timing: true, label: 'event-loop delay max' },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;

/** The names also measured per fault (entries marked `fault: true`). */
export type FaultMetricName = {
  [K in MetricName]: (typeof METRICS)[K] extends { fault: true } ? K : never;
}[MetricName];

/** The catalog entry for a name, or undefined for a name resilab does not know. */
export function metricInfo(name: string): MetricInfo | undefined {
  return (METRICS as Record<string, MetricInfo>)[name];
}

/**
 * A figure by a name that came from input (a threshold, a compare row, an older results.json):
 * undefined when the record has no such figure, so callers can tell "unknown" from "not measured".
 */
export function figureOf(metrics: object, name: string): number | null | undefined {
  return (metrics as Readonly<Record<string, number | null | undefined>>)[name];
}
