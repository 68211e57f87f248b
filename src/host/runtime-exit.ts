// The exit codes of `resilab runtime`: a container platform (and whoever reads `docker ps -a`)
// learns from the code alone why the supervisor ended. Held to the README's containers table.

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
