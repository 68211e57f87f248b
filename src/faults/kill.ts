// `kill`: SIGKILL/SIGTERM/… to an instance, from outside, as an operator or the OOM killer would.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { signalFault } from './signal.js';

type KillSpec = Extract<FaultSpec, { kind: 'kill' }>;

/** Signals the target instance(s). */
export const kill: Fault<KillSpec> = (spec, context) =>
  signalFault(spec, context, spec.instance, spec.signal);
