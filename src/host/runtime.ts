// `resilab runtime`: the supervisor in the foreground, like pm2-runtime. Prefixed log lines on
// stdout, SIGINT/SIGTERM → graceful stop of everything, SIGHUP → rolling reload; with --ipc it
// also serves the parent process (the runner) over the IPC channel.
import { appsFromTarget, type RuntimeFlags } from '../config/ecosystem.js';
import { toWireError } from '../protocol/ipc.js';
import { resilabHome } from '../protocol/paths.js';
import { isUp } from '../supervisor/states.js';
import { Supervisor } from '../supervisor/supervisor.js';
import type { InstanceInfo } from '../types.js';
import { serveControl } from './daemon/server.js';
import { serveIpc } from './ipc-server.js';

/** What `resilab runtime` was asked for. */
export interface ForegroundOptions {
  target: string;
  flags: RuntimeFlags;
  eventsFile: string | null;
  ipc: boolean;
  /** Exit once no app is running or about to run again (pm2-runtime's default; off under --ipc). */
  autoExit: boolean;
}

/** Why startup is not a success: an instance that errored, stopped, or never got up. */
export function notReady(instances: InstanceInfo[]): string | null {
  const bad = instances.filter((i) => !isUp(i.state));
  if (bad.length === 0) return null;
  return bad.map((i) => `${i.app}:${i.instance} is ${i.state} (not listening or ready)`).join('; ');
}

/**
 * When nothing is left running (every instance errored or stopped), the exit code runtime ends
 * with: 1 if any errored, 0 if all stopped; null while something runs or is about to run again.
 */
export function exitWhenIdle(instances: InstanceInfo[]): number | null {
  if (instances.length === 0 || instances.some((i) => i.state !== 'errored' && i.state !== 'stopped'))
    return null;
  return instances.some((i) => i.state === 'errored') ? 1 : 0;
}

/** Runs until SIGINT/SIGTERM (or the IPC parent leaves), then stops every app; resolves the exit code. */
export async function runForeground(options: ForegroundOptions): Promise<number> {
  const home = resilabHome();
  const { apps, warnings } = await appsFromTarget(options.target, options.flags, {
    cwd: process.cwd(),
    home,
  });
  for (const warning of warnings) process.stderr.write(`resilab: ${warning}\n`);
  const supervisor = new Supervisor({ home, eventsFile: options.eventsFile });
  supervisor.on('log', (l) => {
    (l.stream === 'err' ? process.stderr : process.stdout).write(`${l.app}:${l.instance} | ${l.line}\n`);
  });

  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  let stopping = false;
  let exitCode = 0;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void supervisor.shutdown().finally(() => {
      if (process.connected) process.disconnect();
      finished();
    });
  };
  const reload = () => void supervisor.reload('all').catch(() => undefined);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', reload);
  const ipc = options.ipc && process.send ? serveIpc(supervisor, { apps, home, stop }) : null;
  // The PM2-style commands (list, logs, reload, …) reach a foreground runtime through the same
  // control socket as the daemon; not under --ipc, whose parent (the runner) owns the supervisor.
  const control = ipc
    ? null
    : await serveControl(supervisor, home, { apps, onKill: stop }).catch((error: Error) => {
        process.stderr.write(`resilab: no control socket (${error.message})\n`);
        return null;
      });
  void done.then(() => control?.close());

  // Like pm2-runtime, a container's runtime ends when its apps have (an errored app counts as
  // ended): an orchestrator then sees the failure and restarts the container.
  const idleCheck = () => {
    const code = exitWhenIdle(supervisor.list());
    if (code === null || stopping) return;
    process.stderr.write(`resilab: no app is running (${code === 1 ? 'errored' : 'all stopped'}): exiting\n`);
    exitCode = code;
    stop();
  };
  try {
    const instances = await supervisor.start(apps);
    const problem = notReady(instances);
    ipc?.started(instances, problem ? { code: 'RESILAB_E_NOT_READY', message: problem } : undefined);
    if (problem) process.stderr.write(`resilab: ${problem}\n`);
    if (options.autoExit && !ipc) {
      // Only apps that ended on their own count: a stop or kill asked for over the control socket
      // is the user's (and kill answers its caller before this process ends).
      const endedOnOwn = new Set<string>();
      supervisor.on('event', (event) => {
        const key = `${event.app}:${event.instance}`;
        if (event.type === 'exit') {
          if (event.expected) endedOnOwn.delete(key);
          else endedOnOwn.add(key);
        }
        if (event.type === 'errored' || (event.type === 'stopped' && endedOnOwn.has(key))) idleCheck();
      });
      idleCheck();
    }
  } catch (error) {
    ipc?.started(supervisor.list(), toWireError(error));
    stop();
    await done;
    throw error;
  }
  await done;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.off('SIGHUP', reload);
  return exitCode;
}
