// `cpu`: N concurrent requests to a route that blocks the event loop (the 10-million-loop route):
// with one instance they queue, in cluster mode they spread.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, get } from './outcome.js';

type CpuSpec = Extract<FaultSpec, { kind: 'cpu' }>;

/** Sends `concurrent` GETs of `path?loops=<loops>` at once; t_end is when the last one answered. */
export const cpu: Fault<CpuSpec> = async (spec, context) => {
  const url = new URL(context.url(spec.path));
  url.searchParams.set('loops', String(spec.loops));
  const t = clock();
  const statuses = await Promise.all(
    Array.from({ length: spec.concurrent }, () => get(url.href, context.signal, 60_000)),
  );
  const failed = statuses.filter((s) => s === null || s >= 400).length;
  const error = failed > 0 ? `${failed} of ${spec.concurrent} GET ${url.pathname} requests failed` : null;
  return faultRecord(spec, context, t, { targets: context.instances(), t_end: clock(), error });
};
