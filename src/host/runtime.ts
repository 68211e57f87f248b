// `resilab runtime`: the supervisor in the foreground, like pm2-runtime. Prefixed log lines on
// stdout, SIGINT/SIGTERM → graceful stop of everything, SIGHUP → rolling reload; with --ipc it
// also serves the parent process (the runner) over the IPC channel.
import { appsFromTarget, type RuntimeFlags } from '../config/ecosystem.js';
import { toWireError } from '../protocol/ipc.js';
import { resilabHome } from '../protocol/paths.js';
import { Supervisor } from '../supervisor/supervisor.js';
import type { InstanceInfo } from '../types.js';
import { serveControl } from './daemon/server.js';
import { serveIpc } from './ipc-server.js';
import { exposureWarning, type MetricsListen } from './metrics-flags.js';
import { findTini, reaperPlan, runUnderTini } from './reaper.js';
import { notReady, runtimeExitCode } from './runtime-exit.js';

/** What `resilab runtime` was asked for. */
export interface ForegroundOptions {
  target: string;
  flags: RuntimeFlags;
  eventsFile: string | null;
  ipc: boolean;
  /** Exit once no app is running or about to run again (pm2-runtime's default; off under --ipc). */
  autoExit: boolean;
  /** Serve /healthz, /readyz and /metrics here (--metrics-port), or null. */
  metrics?: MetricsListen | null;
}

/**
 * When nothing is left running (every instance errored or stopped), the exit code runtime ends
 * with: 1 if any errored, 0 if all stopped; null while something runs or is about to run again.
 */
export function exitWhenIdle(
  instances: InstanceInfo[],
  crashed: ReadonlySet<string> = new Set(),
): number | null {
  if (instances.length === 0 || instances.some((i) => i.state !== 'errored' && i.state !== 'stopped'))
    return null;
  // An app that ended by crashing (autorestart: false) is a failure too, as pm2-runtime's non-zero exit.
  return instances.some((i) => i.state === 'errored' || crashed.has(`${i.app}:${i.instance}`)) ? 1 : 0;
}

/** Runs until SIGINT/SIGTERM (or the IPC parent leaves), then stops every app; resolves the exit code. */
export async function runForeground(options: ForegroundOptions): Promise<number> {
  // As a container's PID 1, reaping orphans is tini's job: run this command line under it.
  const plan = reaperPlan(process.pid, process.env, process.pid === 1 ? findTini(process.env) : null);
  if (plan.kind === 'tini') return runUnderTini(plan.path);
  if (plan.kind === 'warn') process.stderr.write(`resilab: ${plan.message}\n`);
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
  let forced = false;
  let signalled = false;
  supervisor.on('event', (event) => {
    if (event.type === 'stopped' && event.forced) forced = true;
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void supervisor.shutdown().finally(() => {
      if (process.connected) process.disconnect();
      finished();
    });
  };
  const reload = () => void supervisor.reload('all').catch(() => undefined);
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    process.stderr.write(`resilab: ${signal}: stopping every app\n`);
    forced = false; // only the stop asked for now counts
    signalled = true;
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
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
  const metrics = options.metrics ? await serveEndpoints(supervisor, options.metrics, stop) : null;
  void done.then(() => metrics?.close());

  // Like pm2-runtime, a container's runtime ends when its apps have (an errored app counts as
  // ended): an orchestrator then sees the failure and restarts the container.
  // Instances whose last exit was a crash (from the first start on: a boot crash counts).
  const crashed = new Set<string>();
  supervisor.on('event', (event) => {
    if (event.type !== 'exit') return;
    const key = `${event.app}:${event.instance}`;
    if (!event.expected && (event.code !== 0 || event.signal !== null)) crashed.add(key);
    else crashed.delete(key);
  });
  const idleCheck = () => {
    const code = exitWhenIdle(supervisor.list(), crashed);
    if (code === null || stopping) return;
    process.stderr.write(
      `resilab: no app is running (${code === 1 ? 'errored or crashed' : 'all stopped'}): exiting\n`,
    );
    exitCode = runtimeExitCode({ by: 'idle', errored: code === 1 });
    stop();
  };
  try {
    const instances = await supervisor.start(apps);
    const problem = notReady(instances, apps);
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
  if (signalled) exitCode = runtimeExitCode({ by: 'signal', forced });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', reload);
  return exitCode;
}

/** The health and metrics endpoints, prom-client loaded only now; a port in use stops the runtime. */
async function serveEndpoints(supervisor: Supervisor, listen: MetricsListen, stop: () => void) {
  const warning = exposureWarning(listen);
  if (warning) process.stderr.write(`resilab: ${warning}\n`);
  const { serveMetrics } = await import('./metrics-server.js');
  try {
    const server = await serveMetrics(supervisor, listen);
    process.stderr.write(
      `resilab: metrics on http://${listen.host}:${server.port}/metrics (and /healthz, /readyz)\n`,
    );
    return server;
  } catch (error) {
    stop();
    throw error;
  }
}
