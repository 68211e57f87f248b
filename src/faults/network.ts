// `network`: a toxic on resilab's TCP proxy (in front of a dependency, or of the app) for a while,
// then removed, however the wait ends (duration, end of load, Ctrl-C): nothing stays poisoned.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, messageOf, pause } from './outcome.js';

type NetworkSpec = Extract<FaultSpec, { kind: 'network' }>;

/** Puts the toxic on the target's proxy for duration_ms. */
export const network: Fault<NetworkSpec> = async (spec, context) => {
  const t = clock();
  const proxy = context.proxy(spec.target);
  if (!proxy) return faultRecord(spec, context, t, { error: `no proxy for target "${spec.target}"` });
  try {
    await proxy.setToxic(spec.toxic);
    try {
      await pause(spec.duration_ms, context.signal);
    } finally {
      await proxy.setToxic(null);
    }
    return faultRecord(spec, context, t, { t_end: clock() });
  } catch (error) {
    return faultRecord(spec, context, t, { error: messageOf(error) });
  }
};
