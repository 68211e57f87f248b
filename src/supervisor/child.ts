// One running process of an instance, fork or cluster mode behind one shape: the instance state
// machine drives it without knowing which runtime started it.
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { now } from '../clock.js';
import type { AppConfig } from '../types.js';
import { throughAgentSocket } from './agent-socket.js';
import { launchCommand, readyOnPort, withIncrement, writePidFile } from './command-line.js';
import type { ChildHandlers, Launcher, ManagedChild } from './launcher.js';
import { descendants, signalPid } from './proc-tree.js';
import { processHandle, withTreeKill } from './process-handle.js';

/** The preload agent, next to this file in src/ and in dist/ alike. */
export const AGENT_PATH = fileURLToPath(new URL('./agent.cjs', import.meta.url));

let policySet = false;

/** The environment of an instance: ours, the app's, and its instance number (NODE_APP_INSTANCE). */
export function instanceEnv(
  app: AppConfig,
  instance: number,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  const env = { ...process.env, ...app.env, ...extra, [app.instance_var]: String(instance), name: app.name };
  return withIncrement(app, instance, env);
}

/** The real launcher: child_process.fork or a cluster worker, with the agent preloaded. */
export const processLauncher: Launcher = { launch };

/** Starts one process of app in its exec_mode, with the agent preloaded. */
function launch(
  app: AppConfig,
  instance: number,
  extraEnv: Record<string, string>,
  on: ChildHandlers,
): ManagedChild {
  const env = instanceEnv(app, instance, extraEnv);
  const handlers = readyOnPort(app, env, on);
  const execArgv = [...app.node_args, '--require', AGENT_PATH];
  const start = (env: NodeJS.ProcessEnv, handlers: ChildHandlers): ManagedChild =>
    app.exec_mode === 'cluster'
      ? launchWorker(app, env, execArgv, handlers)
      : app.interpreter === process.execPath
        ? launchFork(app, env, execArgv, handlers)
        : launchCommand(app, env, handlers);
  // A command (npm, bash -c …) may start Node later: the agent reaches it over a socket.
  const child = app.ready_on_port
    ? withTreeKill(throughAgentSocket(env, handlers, AGENT_PATH, start))
    : start(env, handlers);
  writePidFile(app, instance, child.pid);
  return child;
}

function launchFork(
  app: AppConfig,
  env: NodeJS.ProcessEnv,
  execArgv: string[],
  on: ChildHandlers,
): ManagedChild {
  const child = fork(app.script, app.args, {
    cwd: app.cwd,
    env,
    execArgv,
    execPath: app.interpreter,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  child.stdout?.on('data', (chunk: Buffer) => on.output('out', chunk));
  child.stderr?.on('data', (chunk: Buffer) => on.output('err', chunk));
  child.on('message', (message) => routeMessage(message, on));
  child.on('error', () => undefined); // a send to a dead child; the exit event tells the story
  child.once('exit', (code, signal) => on.exit(code, signal));
  child.once('close', () => on.outputEnd());
  const pid = child.pid ?? -1;
  if (pid === -1) queueMicrotask(() => on.exit(null, null));
  return processHandle(child, pid);
}

function launchWorker(
  app: AppConfig,
  env: NodeJS.ProcessEnv,
  execArgv: string[],
  on: ChildHandlers,
): ManagedChild {
  if (!policySet) {
    cluster.schedulingPolicy = cluster.SCHED_RR; // before the first fork, or the OS decides (unevenly)
    policySet = true;
  }
  cluster.setupPrimary({ exec: app.script, args: app.args, execArgv, silent: true, cwd: app.cwd });
  // The agent's marker (it removes it before the app runs): node:cluster's own is gone by then.
  const worker = cluster.fork({ ...env, RESILAB_CLUSTER_WORKER: '1' });
  worker.process.stdout?.on('data', (chunk: Buffer) => on.output('out', chunk));
  worker.process.stderr?.on('data', (chunk: Buffer) => on.output('err', chunk));
  worker.on('online', () => on.online());
  worker.on('listening', (address) =>
    on.listening({ address: address.address ?? undefined, port: address.port }),
  );
  worker.on('message', (message) => routeMessage(message, on));
  worker.on('error', () => undefined);
  worker.once('exit', (code, signal) => on.exit(signal ? null : code, signal || null));
  worker.process.once('close', () => on.outputEnd());
  const pid = worker.process.pid ?? -1;
  return {
    pid,
    startedAt: now(),
    send: (message) => {
      if (worker.isConnected()) worker.send(message as object, undefined, () => undefined);
    },
    disconnect: () => {
      if (worker.isConnected()) worker.disconnect();
    },
    kill: (signal) => signalPid(pid, signal),
    descendants: () => descendants(pid),
  };
}

/** Agent messages carry a `resilab` tag; anything else is the app's own (e.g. 'ready'). */
export function routeMessage(message: unknown, on: ChildHandlers): void {
  const tagged = message as { resilab?: string; address?: string; port?: number } | null;
  if (tagged && typeof tagged === 'object' && typeof tagged.resilab === 'string') {
    if (tagged.resilab === 'online') on.online();
    else if (tagged.resilab === 'listening') on.listening({ address: tagged.address, port: tagged.port });
    else on.message(message);
    return;
  }
  on.message(message);
}
