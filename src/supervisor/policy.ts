// The restart decision as a pure function of (exit, history, policy): the supervisor core only
// carries out what this returns, so every crash-loop and backoff rule is unit-testable as a table.
import type { AppConfig, HealthAction } from '../types.js';

/** What the policy remembers about an instance between its exits. */
export interface RestartHistory {
  /** Restarts decided so far (the `restarts` column of `list`). */
  restarts: number;
  /** Unstable exits (up < min_uptime) since the last stable run. */
  unstable: number;
  /** The last backoff delay given, or null when backoff has not started (or was reset). */
  backoff_ms: number | null;
}

/** The history of an instance that has never exited. */
export const initialHistory: RestartHistory = Object.freeze({ restarts: 0, unstable: 0, backoff_ms: null });

/** How a process ended, as the supervisor observed it. */
export interface ExitFacts {
  code: number | null;
  signal: string | null;
  uptime_ms: number;
  /** True when the supervisor asked for this exit (stop, restart, reload, memory limit, scale down). */
  expected: boolean;
}

/** What to do after an exit, with the history to keep for the next one. */
export type RestartDecision =
  | { action: 'restart'; delay_ms: number; reason: string; history: RestartHistory }
  | { action: 'stop'; reason: string; history: RestartHistory }
  | { action: 'errored'; reason: string; history: RestartHistory };

/** The policy keys decideRestart reads, so callers and tests need not build a whole AppConfig. */
export type RestartPolicy = Pick<
  AppConfig,
  | 'autorestart'
  | 'stop_exit_codes'
  | 'min_uptime'
  | 'max_restarts'
  | 'restart_delay'
  | 'exp_backoff_restart_delay'
  | 'exp_backoff_max_delay'
  | 'exp_backoff_reset_after'
>;

/** The growth factor of exponential backoff (PM2's: next = min(cap, prev × 1.5)). */
export const BACKOFF_FACTOR = 1.5;

/**
 * Decides whether an exited instance restarts (and after how long), stops, or is errored.
 * Unstable exits (up < min_uptime) are counted since the last stable run, at any time and whatever
 * the delays: max_restarts of them in a row → errored (PM2 counts only early, and never with backoff).
 */
export function decideRestart(exit: ExitFacts, history: RestartHistory, app: RestartPolicy): RestartDecision {
  if (exit.expected) return { action: 'stop', reason: 'the supervisor asked for this exit', history };
  if (!app.autorestart) return { action: 'stop', reason: 'autorestart is off', history };
  if (exit.code !== null && app.stop_exit_codes.includes(exit.code)) {
    return { action: 'stop', reason: `exit code ${exit.code} is in stop_exit_codes`, history };
  }
  const unstableRun = exit.uptime_ms < app.min_uptime;
  const unstable = unstableRun ? history.unstable + 1 : 0;
  if (unstableRun && unstable >= app.max_restarts) {
    const reason = `${unstable} unstable exit${unstable === 1 ? '' : 's'} in a row (each up < ${app.min_uptime} ms): not restarting`;
    return { action: 'errored', reason, history: { ...history, unstable } };
  }
  const backoff_ms = nextBackoff(exit, history, app);
  const delay_ms = backoff_ms ?? app.restart_delay;
  const restarts = history.restarts + 1;
  return {
    action: 'restart',
    delay_ms,
    reason: `${describeExit(exit)} after ${Math.round(exit.uptime_ms)} ms${unstableRun ? ` (unstable ${unstable}/${app.max_restarts})` : ''}`,
    history: { restarts, unstable, backoff_ms },
  };
}

/** The next backoff delay, or null when exponential backoff is off. */
function nextBackoff(exit: ExitFacts, history: RestartHistory, app: RestartPolicy): number | null {
  const first = app.exp_backoff_restart_delay;
  if (first <= 0) return null;
  const previous = history.backoff_ms;
  if (previous === null || exit.uptime_ms >= app.exp_backoff_reset_after) {
    return Math.min(first, app.exp_backoff_max_delay);
  }
  return Math.min(app.exp_backoff_max_delay, previous * BACKOFF_FACTOR);
}

/** "exit code 1" / "killed by SIGKILL" / "exited", for reasons and events. */
export function describeExit(exit: Pick<ExitFacts, 'code' | 'signal'>): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code !== null) return `exit code ${exit.code}`;
  return 'exited';
}

/**
 * A hung or unhealthy process: in cluster mode (with autorestart) a replacement starts first, as for
 * a memory restart, so the other workers and then the new one serve; otherwise it is killed and its
 * exit goes through decideRestart like a crash (restart_delay, backoff, max_restarts, autorestart).
 */
export function decideHealthAction(app: Pick<AppConfig, 'exec_mode' | 'autorestart'>): HealthAction {
  return app.exec_mode === 'cluster' && app.autorestart ? 'replace' : 'kill';
}
