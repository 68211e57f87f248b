// The launcher's handle over a process started with fork or spawn, written once for both.
import type { ChildProcess } from 'node:child_process';
import { now } from '../clock.js';
import type { ManagedChild } from './launcher.js';
import { descendants, signalPid } from './proc-tree.js';

/** The handle of a process started with fork or spawn: it has no cluster rotation to leave. */
export function processHandle(child: ChildProcess, pid: number): ManagedChild {
  return {
    pid,
    startedAt: now(),
    send: (message) => {
      if (child.connected) child.send(message as object, () => undefined);
    },
    disconnect: () => undefined,
    kill: (signal) => signalPid(pid, signal),
    descendants: () => descendants(pid),
  };
}

/**
 * The same handle, signalling the whole tree, leaves first (PM2's treekill): npm, npx and a shell do
 * not pass SIGINT on to what they started, so the node an npm script runs would never hear it.
 */
export function withTreeKill(handle: ManagedChild): ManagedChild {
  return {
    ...handle,
    kill: (signal) => {
      for (const pid of [...descendants(handle.pid).reverse(), handle.pid]) signalPid(pid, signal);
    },
  };
}
