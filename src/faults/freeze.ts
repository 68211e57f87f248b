// `freeze`: SIGSTOP for a while, then SIGCONT: a hung process that still holds its sockets. The
// SIGCONT is sent however the wait ends (duration, end of load, Ctrl-C), so nothing stays frozen.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, pause, signalAll } from './outcome.js';
import { noTargetMessage, pickTargets } from './targets.js';

type FreezeSpec = Extract<FaultSpec, { kind: 'freeze' }>;

/** Stops the target instance(s) for duration_ms, then continues them. */
export const freeze: Fault<FreezeSpec> = async (spec, context) => {
  const live = context.instances();
  const targets = pickTargets(spec.instance, live, context.random);
  const t = clock();
  if (targets.length === 0)
    return faultRecord(spec, context, t, { error: noTargetMessage(spec.instance, live) });
  const errors = signalAll(targets, 'SIGSTOP');
  try {
    await pause(spec.duration_ms, context.signal);
  } finally {
    // A process the watchdog already killed (heartbeat_timeout) cannot be continued: not an error.
    errors.push(...signalAll(targets, 'SIGCONT').filter((e) => !e.includes('ESRCH')));
  }
  return faultRecord(spec, context, t, {
    targets,
    t_end: clock(),
    error: errors.length > 0 ? errors.join('; ') : null,
  });
};
