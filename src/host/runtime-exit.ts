// The exit codes of `resilab runtime`: a container platform (and whoever reads `docker ps -a`)
// learns from the code alone why the supervisor ended. Held to the README's containers table.
// Also when a start counts as failed, for the runtime and the runner's supervisor process alike.
import { isUpFor, waitsForReady } from '../supervisor/states.js';
import type { AppConfig, InstanceInfo } from '../types.js';

/** Exit codes of `resilab runtime`, besides 2 (bad input) and 3 (could not run) of the error table. */
export const RUNTIME_EXIT = {
  /** SIGTERM/SIGINT, and every instance stopped within kill_timeout; or every app stopped on its own. */
  stopped: 0,
  /** An app errored (max_restarts unstable exits in a row) and nothing was left running. */
  errored: 1,
  /** SIGTERM/SIGINT, but an instance outlived kill_timeout and was SIGKILLed (128 + 9). */
  forced: 137,
} as const;

/** Why the runtime is ending. */
export type RuntimeEnd = { by: 'signal'; forced: boolean } | { by: 'idle'; errored: boolean };

/** Pure: the exit code for an end. */
export function runtimeExitCode(end: RuntimeEnd): number {
  if (end.by === 'signal') return end.forced ? RUNTIME_EXIT.forced : RUNTIME_EXIT.stopped;
  return end.errored ? RUNTIME_EXIT.errored : RUNTIME_EXIT.stopped;
}

/** Why startup is not a success: an instance that errored, stopped, or never got up by its app's
 * rule (with wait_ready or a gating health check only 'ready' counts: listening is not enough). */
export function notReady(
  instances: InstanceInfo[],
  apps: readonly Pick<AppConfig, 'name' | 'wait_ready' | 'health_check'>[],
): string | null {
  const waits = new Set(apps.filter(waitsForReady).map((a) => a.name));
  const bad = instances.filter((i) => !isUpFor(i.state, waits.has(i.app)));
  if (bad.length === 0) return null;
  return bad
    .map(
      (i) =>
        `${i.app}:${i.instance} is ${i.state} (not ${waits.has(i.app) ? 'ready' : 'listening or ready'})`,
    )
    .join('; ');
}
