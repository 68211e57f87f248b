// `leak`: drive the app's leak route at a fixed rate for a while, so memory grows as a real leak
// would (and max_memory_restart has something to catch).
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, get, pause } from './outcome.js';

type LeakSpec = Extract<FaultSpec, { kind: 'leak' }>;

/** GETs `path?mb=<mb>` rate_per_s times a second for duration_ms (or until the load ends). */
export const leak: Fault<LeakSpec> = async (spec, context) => {
  const url = new URL(context.url(spec.path));
  url.searchParams.set('mb', String(spec.mb));
  const interval = 1000 / Math.max(spec.rate_per_s, 0.001);
  const t = clock();
  const pending: Promise<number | null>[] = [];
  for (let sent = 0; clock() - t < spec.duration_ms && !context.signal.aborted; sent++) {
    pending.push(get(url.href, context.signal, 5000));
    await pause(Math.max(0, t + (sent + 1) * interval - clock()), context.signal);
  }
  const statuses = await Promise.all(pending);
  const ok = statuses.filter((s) => s !== null && s < 400).length;
  const error = ok === 0 ? `none of ${statuses.length} GET ${url.pathname} requests succeeded` : null;
  return faultRecord(spec, context, t, { targets: context.instances(), t_end: clock(), error });
};
