// The supervisor-command faults, one small fault each: `reload` (rolling, zero downtime in cluster
// mode), `restart` (all at once), `scale`, and `boot-crash` (a bad deploy: the new processes get an
// env that makes them fail on start, via restart in fork mode or reload in cluster mode).
import type { FaultSpec } from '../types.js';
import { commandFault } from './command.js';
import type { Fault } from './context.js';

type Of<K extends FaultSpec['kind']> = Extract<FaultSpec, { kind: K }>;

/** A rolling reload of the app. */
export const reload: Fault<Of<'reload'>> = (spec, context) =>
  commandFault(spec, context, { cmd: 'reload', target: context.app });

/** A restart of every instance of the app at once. */
export const restart: Fault<Of<'restart'>> = (spec, context) =>
  commandFault(spec, context, { cmd: 'restart', target: context.app });

/** Scales the app to spec.instances. */
export const scale: Fault<Of<'scale'>> = (spec, context) =>
  commandFault(spec, context, { cmd: 'scale', target: context.app, instances: spec.instances });

/** Redeploys with a crashing env (default CRASH_ON_BOOT=1): restart in fork mode, reload in cluster mode. */
export const bootCrash: Fault<Of<'boot-crash'>> = (spec, context) => {
  const env = Object.keys(spec.env).length > 0 ? spec.env : { CRASH_ON_BOOT: '1' };
  const cmd = context.exec_mode === 'cluster' ? 'reload' : 'restart';
  return commandFault(spec, context, { cmd, target: context.app, env });
};
