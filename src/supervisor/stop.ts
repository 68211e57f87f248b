// Stopping one process: the polite request (SIGINT, or the 'shutdown' message when
// shutdown_with_message), then SIGKILL after kill_timeout, for the whole tree collected beforehand.
import { now } from '../clock.js';
import type { AppConfig } from '../types.js';
import type { ManagedChild } from './launcher.js';
import { isAlive, signalPid } from './proc-tree.js';

/** PM2's default grace period between the polite request and SIGKILL (ms). */
export const DEFAULT_KILL_TIMEOUT_MS = 1600;

/**
 * A hung process cannot run its SIGINT handler (its event loop never comes back): SIGKILL follows
 * the polite request after this short grace instead of kill_timeout.
 */
export const HUNG_KILL_GRACE_MS = 50;

/** How a process ended. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
  at: number;
}

/** What a stop took: whether SIGKILL was needed and how long it lasted. */
export interface StopOutcome extends ExitInfo {
  forced: boolean;
  duration_ms: number;
}

/**
 * Stops child and resolves once it exited and no process of its tree is left. In cluster mode the
 * worker is taken out of rotation first, so it gets no new connection while it drains.
 */
export async function stopChild(
  child: ManagedChild,
  exited: Promise<ExitInfo>,
  app: Pick<AppConfig, 'kill_timeout' | 'shutdown_with_message'>,
): Promise<StopOutcome> {
  const started = now();
  const tree = child.descendants();
  if (app.shutdown_with_message) child.send('shutdown');
  child.disconnect();
  if (!app.shutdown_with_message) child.kill('SIGINT');
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    child.kill('SIGKILL');
    for (const pid of new Set([...tree, ...child.descendants()])) signalPid(pid, 'SIGKILL');
  }, app.kill_timeout);
  const exit = await exited;
  clearTimeout(timer);
  for (const pid of tree) if (isAlive(pid)) signalPid(pid, 'SIGKILL');
  return { ...exit, forced, duration_ms: exit.at - started };
}
