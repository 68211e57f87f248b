// What the supervisor's events say about a fault: when the exit was seen, when the replacement was
// listening, when a reload finished, and how many restarts were scheduled.
import type { SupervisorEvent } from '../types.js';
import type { Span } from './spans.js';

type Of<T extends SupervisorEvent['type']> = Extract<SupervisorEvent, { type: T }>;

function inWindow<T extends SupervisorEvent['type']>(
  events: readonly SupervisorEvent[],
  type: T,
  window: Span,
): Of<T>[] {
  return events
    .filter((e): e is Of<T> => e.type === type && e.t >= window.start && e.t <= window.end)
    .sort((a, b) => a.t - b.t);
}

/** detect: the first exit the supervisor did not ask for, at or after the fault, inside its window. */
export function firstUnexpectedExit(events: readonly SupervisorEvent[], window: Span): Of<'exit'> | null {
  return inWindow(events, 'exit', window).find((e) => !e.expected) ?? null;
}

/** A restart the supervisor decided on its own after a fault: what it detected, and the exit it replaced. */
export interface OwnRestart {
  /** The unexpected exit, or the memory-limit event (max_memory_restart crossed). */
  detected: Of<'exit'> | Of<'memory-limit'>;
  /** The exit the replacement is timed from (for a memory limit: the instance's exit after its stop), or null. */
  exit: Of<'exit'> | null;
}

/**
 * detect and restart, for every restart the supervisor decides on its own (the ones `restarts`
 * counts): the first unexpected exit, or the first memory-limit and that instance's following exit,
 * whichever came first inside the window. Commanded restarts, reloads and scale-downs are not.
 */
export function firstOwnRestart(events: readonly SupervisorEvent[], window: Span): OwnRestart | null {
  const exit = firstUnexpectedExit(events, window);
  const memory = inWindow(events, 'memory-limit', window)[0] ?? null;
  if (memory && (!exit || memory.t < exit.t)) {
    const after = inWindow(events, 'exit', { start: memory.t, end: window.end }).find(
      (e) => e.app === memory.app && e.instance === memory.instance,
    );
    return { detected: memory, exit: after ?? null };
  }
  return exit ? { detected: exit, exit } : null;
}

/** hang_detect: the first hung or unhealthy event at or after the fault, inside its window. */
export function firstCondemned(
  events: readonly SupervisorEvent[],
  window: Span,
): Of<'hung'> | Of<'unhealthy'> | null {
  const found = [...inWindow(events, 'hung', window), ...inWindow(events, 'unhealthy', window)];
  return found.sort((a, b) => a.t - b.t)[0] ?? null;
}

/**
 * restart: the replacement of an exited instance (same app and instance index) reaching `listening`,
 * or `ready` when the app waits for ready (wait_ready, gate_ready), after the exit (or, for a
 * replacement that starts before the old process ends, after the hung/unhealthy event).
 */
export function replacementUp(
  events: readonly SupervisorEvent[],
  exit: Pick<SupervisorEvent, 't' | 'app' | 'instance'>,
  window: Span,
  waitReady: boolean,
): SupervisorEvent | null {
  const type = waitReady ? 'ready' : 'listening';
  return (
    inWindow(events, type, { start: exit.t, end: window.end }).find(
      (e) => e.app === exit.app && e.instance === exit.instance && e.t > exit.t,
    ) ?? null
  );
}

/** reload: the first reload-end event after the reload command, inside its window. */
export function reloadEnd(events: readonly SupervisorEvent[], window: Span): Of<'reload-end'> | null {
  return inWindow(events, 'reload-end', window)[0] ?? null;
}

/**
 * The pids of the processes a fault ended, whatever its kind: those that were running when it hit
 * (not spawned inside its window) and began stopping or exited inside the window. A crash or kill
 * ends one by surprise; a restart, reload, scale-down, boot-crash deploy, memory or watch restart
 * stops the old ones gracefully, and they may answer for a while before they exit. None of them is
 * a process that serves after the fault.
 */
export function endedPids(events: readonly SupervisorEvent[], window: Span): Set<number> {
  const pidOf = (e: SupervisorEvent) => (e.pid === null ? [] : [e.pid]);
  const born = new Set(inWindow(events, 'spawn', window).flatMap(pidOf));
  const ended = [...inWindow(events, 'stopping', window), ...inWindow(events, 'exit', window)].flatMap(pidOf);
  return new Set(ended.filter((pid) => !born.has(pid)));
}

/**
 * restarts: the restarts the supervisor decided on its own: after an unexpected exit
 * (restart-scheduled) and over max_memory_restart (memory-limit: the instance is replaced at once,
 * with no restart-scheduled event), hung or unhealthy (replaced likewise, or killed and then
 * restart-scheduled). Restarts and reloads asked for by a command are not counted.
 */
export function restartCount(events: readonly SupervisorEvent[]): number {
  return events.filter(
    (e) =>
      e.type === 'restart-scheduled' ||
      e.type === 'memory-limit' ||
      // hung/unhealthy in cluster mode: replaced at once; when killed, restart-scheduled counts it
      ((e.type === 'hung' || e.type === 'unhealthy') && e.action === 'replace'),
  ).length;
}
