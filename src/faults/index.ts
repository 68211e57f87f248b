// The fault kinds of DESIGN.md behind one name → factory map: the runner looks a fault up by its
// kind and never knows how it is carried out.
import type { FaultKind, FaultRecord, FaultSpec } from '../types.js';
import type { Fault, FaultContext } from './context.js';
import { cpu } from './cpu.js';
import { crash } from './crash.js';
import { dependency } from './dependency.js';
import { bootCrash, reload, restart, scale } from './deploy.js';
import { freeze } from './freeze.js';
import { hang } from './hang.js';
import { kill } from './kill.js';
import { leak } from './leak.js';
import { network } from './network.js';
import { clock, faultRecord, messageOf } from './outcome.js';

export type { DependencyHandle, Fault, FaultContext, LiveInstance, ToxicTarget } from './context.js';
export { pickTargets } from './targets.js';

/** kind → fault; a kind missing here is a compile error (every FaultKind must be covered). */
export const FAULTS: { [K in FaultKind]: Fault<Extract<FaultSpec, { kind: K }>> } = {
  crash,
  kill,
  freeze,
  hang,
  leak,
  cpu,
  reload,
  restart,
  scale,
  'boot-crash': bootCrash,
  dependency,
  network,
};

/** Carries out one fault; an unexpected throw becomes a failed FaultRecord, never a failed run. */
export async function runFault(spec: FaultSpec, context: FaultContext): Promise<FaultRecord> {
  const fault = FAULTS[spec.kind] as Fault;
  const t = clock();
  try {
    return await fault(spec, context);
  } catch (error) {
    return faultRecord(spec, context, t, { error: messageOf(error) });
  }
}
