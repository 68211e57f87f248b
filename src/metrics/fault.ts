// One fault's figures over its window: from the fault to the next fault, or to the end of the load.
import type { FaultMetrics, FaultRecord, FaultResult, MetricFlag, VariantRecord } from '../types.js';
import { capacityRecovery } from './capacity.js';
import { dependencyRecovery } from './dependency.js';
import { endedPids, firstCondemned, firstOwnRestart, reloadEnd, replacementUp } from './events.js';
import { flag } from './flags.js';
import { spanLatency } from './latency.js';
import { downtime, timeToFirstSuccess } from './probes.js';
import { arrivals, bucketsIn, bucketsTouching, failed, type Span, sum } from './spans.js';

/** Fault kinds that are meant to end a process: a missing exit event is worth a flag. */
const ENDS_A_PROCESS = new Set(['crash', 'kill', 'boot-crash']);
/** Fault kinds that leave a process alive but unable to serve: only a watchdog or health check sees them. */
const HANGS_A_PROCESS = new Set(['freeze', 'hang']);

/** What a fault's figures are measured against. */
export interface FaultFigureContext {
  variant: VariantRecord;
  /** Steady-state throughput (mean of 1 s windows), or null when there was none. */
  steadyRps: number | null;
  /** Median bare boot → listening of the app (the run's floor), or null. */
  floorMs: number | null;
  /** The open model: refused connects are failed arrivals, dropped arrivals are counted, latency from the schedule. */
  open: boolean;
}

/** Every FaultMetrics figure of one fault, with a flag for each that is null or to be read with care. */
export function computeFault(fault: FaultRecord, window: Span, context: FaultFigureContext): FaultResult {
  const { variant } = context;
  const { buckets, probes } = variant.timeline;
  const events = variant.events;
  const flags: MetricFlag[] = [];
  const inWindow = bucketsIn(buckets, window);
  const counts = sum(inWindow);
  const { open } = context;

  // detect_ms: fault → the first exit the supervisor did not ask for, or the memory limit it saw.
  // restart_ms: that exit (the instance's exit after its stop, for a memory limit) → the
  // replacement's listening (ready with wait_ready) event.
  const own = firstOwnRestart(events, window);
  const exit = own?.exit ?? null;
  const detect_ms = own ? own.detected.t - fault.t : null;
  if (!own && ENDS_A_PROCESS.has(fault.kind))
    flags.push(flag('detect_ms', 'no_event', 'no unexpected exit was seen after the fault'));
  // hang_detect_ms: fault → the first hung/unhealthy event. A process the watchdog replaces before it
  // ends (cluster) has no unexpected exit: its restart_ms counts from that event instead.
  const condemned = firstCondemned(events, window);
  const hang_detect_ms = condemned ? condemned.t - fault.t : null;
  if (!condemned && HANGS_A_PROCESS.has(fault.kind))
    flags.push(
      flag(
        'hang_detect_ms',
        'no_event',
        'no hung or unhealthy event (heartbeat_timeout and health_check off?)',
      ),
    );
  const from = condemned?.action === 'replace' ? condemned : exit;
  const subject = from ?? own?.detected ?? null;
  const app = variant.config.apps.find((a) => a.name === subject?.app);
  const waitReady = (app?.wait_ready || app?.health_check?.gate_ready) ?? false;
  const up = from ? replacementUp(events, from, window, waitReady) : null;
  const restart_ms = from && up ? up.t - from.t : null;
  if (subject && !up)
    flags.push(
      flag(
        'restart_ms',
        'no_recovery',
        `instance ${subject.instance} was not ${from ? 'replaced' : 'stopped and replaced'} before the end`,
      ),
    );

  // Probes: downtime and time to the first success from a process that serves after the fault (the
  // processes the fault ended, for every fault kind, do not count: an old process answering during
  // its graceful stop is not a recovery).
  const noProbes = probes.length === 0;
  const gap = downtime(probes, window);
  const ended = endedPids(events, window);
  const first = noProbes ? null : timeToFirstSuccess(probes, window, ended);
  const ttfs = first?.ms ?? null;
  if (noProbes) {
    for (const m of ['downtime_ms', 'time_to_first_success_ms'])
      flags.push(flag(m, 'no_probe', 'the probe was off: no availability figures'));
  } else {
    if (gap.open)
      flags.push(
        flag('downtime_ms', 'no_recovery', 'no probe succeeded again before the end: counted to the end'),
      );
    if (ttfs === null)
      flags.push(flag('time_to_first_success_ms', 'no_recovery', 'no probe succeeded before the end'));
    if (first?.unattributed)
      flags.push(
        flag(
          'time_to_first_success_ms',
          'no_pid',
          'the app sends no x-pid header: the first success may come from a process the fault ended',
        ),
      );
  }

  let capacity_recovery_ms: number | null = null;
  if (context.steadyRps === null || context.steadyRps === 0) {
    flags.push(flag('capacity_recovery_ms', 'no_steady_state', 'no steady-state throughput to recover to'));
  } else {
    const capacity = capacityRecovery(buckets, window, context.steadyRps);
    capacity_recovery_ms = capacity.ms;
    if (capacity.status === 'no_recovery')
      flags.push(flag('capacity_recovery_ms', 'no_recovery', 'throughput stayed below 90 % of steady state'));
    if (capacity.status === 'too_short')
      flags.push(flag('capacity_recovery_ms', 'no_steady_state', 'the fault window is shorter than 1 s'));
  }

  // reload_ms: reload command → reload-end. reload_failed_requests: failures while it ran (every
  // bucket that overlaps, so a failure at either edge is not missed).
  let reload_ms: number | null = null;
  let reload_failed_requests: number | null = null;
  if (fault.kind === 'reload') {
    const end = reloadEnd(events, window);
    if (end) {
      reload_ms = end.t - fault.t;
      reload_failed_requests = failed(sum(bucketsTouching(buckets, { start: fault.t, end: end.t })), open);
      if (!end.ok)
        flags.push(flag('reload_ms', 'no_recovery', `the reload failed: ${end.error ?? 'no reason given'}`));
    } else {
      for (const m of ['reload_ms', 'reload_failed_requests'])
        flags.push(flag(m, 'no_recovery', 'the reload did not finish before the end'));
    }
  }

  const recovery = dependencyRecovery(fault, probes, window);
  if (recovery.flag) flags.push(recovery.flag);
  // Latency over the window: every window in the open model; the closed model's clean windows only.
  const windowLatency = spanLatency(buckets, window, { everyWindow: open });
  if (windowLatency.latency === null)
    flags.push(
      flag(
        'fault_latency_p99_ms',
        windowLatency.tainted > 0 ? 'latency_tainted' : 'no_event',
        windowLatency.tainted > 0
          ? "connection errors in every window of the fault: autocannon's latency is wrong after them"
          : 'no response completed in the fault window',
      ),
    );

  const metrics: FaultMetrics = {
    failed_requests: failed(counts, open),
    dropped_requests: open ? arrivals(inWindow).dropped : null,
    fault_latency_p99_ms: windowLatency.latency?.p99 ?? null,
    refused_connects: counts.refused,
    downtime_ms: noProbes ? null : gap.ms,
    time_to_first_success_ms: ttfs,
    detect_ms,
    hang_detect_ms,
    restart_ms,
    capacity_recovery_ms,
    reload_ms,
    reload_failed_requests,
    dependency_recovery_ms: recovery.ms,
    // What the supervisor adds over a bare boot of the same app (restart_ms − the run's floor).
    restart_overhead_ms:
      restart_ms !== null && context.floorMs !== null ? restart_ms - context.floorMs : null,
  };
  return { ...fault, metrics, flags };
}
