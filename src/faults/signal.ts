// `kill` and `crash via signal`: a signal to the chosen instances, by pid, as a real crash would be
// (the supervisor is not told: it has to detect the exit itself).
import type { FaultRecord, FaultSpec, InstanceTarget } from '../types.js';
import type { FaultContext } from './context.js';
import { clock, faultRecord, signalAll } from './outcome.js';
import { noTargetMessage, pickTargets } from './targets.js';

/** Sends `signal` to the instances `target` names and records which pids it hit. */
export async function signalFault(
  spec: FaultSpec,
  context: FaultContext,
  target: InstanceTarget,
  signal: string,
): Promise<FaultRecord> {
  const live = context.instances();
  const targets = pickTargets(target, live, context.random);
  const t = clock();
  if (targets.length === 0) return faultRecord(spec, context, t, { error: noTargetMessage(target, live) });
  const errors = signalAll(targets, signal as NodeJS.Signals);
  return faultRecord(spec, context, t, { targets, error: errors.length > 0 ? errors.join('; ') : null });
}
