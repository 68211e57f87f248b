// Which restart cause a supervisor event stands for, for the resilab_instance_restarts_total
// counter: decided from the event alone (pure), so the metric says what the supervisor said.
import type { SupervisorEvent } from '../types.js';

/** The causes a restart is counted under (the `cause` label). */
export const RESTART_CAUSES = ['crash', 'memory', 'hung', 'watch'] as const;
export type RestartCause = (typeof RESTART_CAUSES)[number];

/**
 * The cause an event announces, or null when it announces no restart. A crash is an unexpected
 * exit the policy restarts (`restart-scheduled`); `memory-limit` and a hung instance (`hung`) are
 * replaced by the supervisor; `watch-restart` is app-wide (instance null): every live instance.
 */
export function restartCause(event: SupervisorEvent): RestartCause | null {
  // `hung` is matched by name: the health checks that emit it may be newer than this file's types.
  const type: string = event.type;
  if (type === 'restart-scheduled') return 'crash';
  if (type === 'memory-limit') return 'memory';
  if (type === 'hung') return 'hung';
  if (type === 'watch-restart') return 'watch';
  return null;
}
