// `dependency`: the real server the app depends on is stopped (PostgreSQL restarting for
// maintenance), and for `restart` started again after down_for. The record's t_end is when the
// server was ready again: the start of dependency_recovery_ms. The server is always started again
// after a restart, even when the load ends during the outage, so the next variant finds it up; an
// interrupted run (the `stop` signal) does not start it, or stops waiting for it at once.
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord, messageOf, pause } from './outcome.js';

type DependencySpec = Extract<FaultSpec, { kind: 'dependency' }>;

/** Stops, starts or restarts the named dependency. */
export const dependency: Fault<DependencySpec> = async (spec, context) => {
  const t = clock();
  const server = context.dependency(spec.name);
  if (!server) return faultRecord(spec, context, t, { error: `no dependency named "${spec.name}"` });
  try {
    if (spec.action !== 'start') await server.stop();
    if (spec.action === 'stop') return faultRecord(spec, context, t);
    if (spec.action === 'restart') await pause(spec.down_for_ms, context.stop);
    await server.start(context.stop);
    return faultRecord(spec, context, t, { t_end: clock() });
  } catch (error) {
    return faultRecord(spec, context, t, { error: messageOf(error) });
  }
};
