// One fault's figures over its window: from the fault to the next fault, or to the end of the load.
import type { FaultMetrics, FaultRecord, FaultResult, MetricFlag, VariantRecord } from '../types.js';
import { capacityRecovery } from './capacity.js';
import { exitedPids, firstCondemned, firstUnexpectedExit, reloadEnd, replacementUp } from './events.js';
import { flag } from './flags.js';
import { downtime, timeToFirstSuccess } from './probes.js';
import { bucketsIn, bucketsTouching, failed, type Span, sum } from './spans.js';

/** Fault kinds that are meant to end a process: a missing exit event is worth a flag. */
const ENDS_A_PROCESS = new Set(['crash', 'kill', 'boot-crash']);
/** Fault kinds that leave a process alive but unable to serve: only a watchdog or health check sees them. */
const HANGS_A_PROCESS = new Set(['freeze', 'hang']);

/** What a fault's figures are measured against. */
export interface FaultContext {
  variant: VariantRecord;
  /** Steady-state throughput (mean of 1 s windows), or null when there was none. */
  steadyRps: number | null;
  /** Median bare boot → listening of the app (the run's floor), or null. */
  floorMs: number | null;
}

/** Every FaultMetrics figure of one fault, with a flag for each that is null or to be read with care. */
export function computeFault(fault: FaultRecord, window: Span, context: FaultContext): FaultResult {
  const { variant } = context;
  const { buckets, probes } = variant.timeline;
  const events = variant.events;
  const flags: MetricFlag[] = [];
  const counts = sum(bucketsIn(buckets, window));

  // detect_ms: fault → the first exit the supervisor did not ask for. restart_ms: that exit → the
  // replacement's listening (ready with wait_ready) event.
  const exit = firstUnexpectedExit(events, window);
  const detect_ms = exit ? exit.t - fault.t : null;
  if (!exit && ENDS_A_PROCESS.has(fault.kind))
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
  const app = variant.config.apps.find((a) => a.name === from?.app);
  const waitReady = (app?.wait_ready || app?.health_check?.gate_ready) ?? false;
  const up = from ? replacementUp(events, from, window, waitReady) : null;
  const restart_ms = from && up ? up.t - from.t : null;
  if (from && !up)
    flags.push(
      flag('restart_ms', 'no_recovery', `instance ${from.instance} was not replaced before the end`),
    );

  // Probes: downtime and time to the first success (not counting the processes the fault ended).
  const noProbes = probes.length === 0;
  const gap = downtime(probes, window);
  const doomed = fault.kind === 'crash' || fault.kind === 'kill' ? exitedPids(events, window) : undefined;
  const ttfs = noProbes ? null : timeToFirstSuccess(probes, window, doomed);
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
      reload_failed_requests = failed(sum(bucketsTouching(buckets, { start: fault.t, end: end.t })));
      if (!end.ok)
        flags.push(flag('reload_ms', 'no_recovery', `the reload failed: ${end.error ?? 'no reason given'}`));
    } else {
      for (const m of ['reload_ms', 'reload_failed_requests'])
        flags.push(flag(m, 'no_recovery', 'the reload did not finish before the end'));
    }
  }

  const metrics: FaultMetrics = {
    failed_requests: failed(counts),
    refused_connects: counts.refused,
    downtime_ms: noProbes ? null : gap.ms,
    time_to_first_success_ms: ttfs,
    detect_ms,
    hang_detect_ms,
    restart_ms,
    capacity_recovery_ms,
    reload_ms,
    reload_failed_requests,
    // What the supervisor adds over a bare boot of the same app (restart_ms − the run's floor).
    restart_overhead_ms:
      restart_ms !== null && context.floorMs !== null ? restart_ms - context.floorMs : null,
  };
  return { ...fault, metrics, flags };
}
