// `crash`: the app dies of its own bug, either through its crash route (an uncaught exception while a
// request is in flight) or a signal to an instance.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, get } from './outcome.js';
import { signalFault } from './signal.js';

type CrashSpec = Extract<FaultSpec, { kind: 'crash' }>;

/** GETs the crash route (the request is expected to fail), or signals the target instance(s). */
export const crash: Fault<CrashSpec> = async (spec, context) => {
  if (spec.via === 'signal') return signalFault(spec, context, spec.instance, spec.signal);
  // Which instance takes the request is the balancer's choice: known only with a single instance.
  const live = context.instances();
  const targets = live.length === 1 ? live : [];
  const t = clock();
  const status = await get(context.url(spec.path), context.signal, 5000);
  const error = status !== null && status < 500 ? `GET ${spec.path} answered ${status}: no crash` : null;
  return faultRecord(spec, context, t, { targets, error });
};
