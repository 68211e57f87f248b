// Starting what is not a plain Node script, as PM2's fork mode does: `<interpreter> <node_args>
// <script> <args>` (bash, python, ts-node …) or the file itself (interpreter 'none': a binary, or a
// command line through bash -c). A failed spawn says why (ENOENT …) on the app's error stream.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { AppConfig } from '../types.js';
import type { ChildHandlers, ManagedChild } from './launcher.js';
import { portOf, watchPort } from './port-ready.js';
import { processHandle } from './process-handle.js';

/** The env of an instance with PM2's increment_var applied: the variable's value (0 if unset) + the instance number. */
export function withIncrement(app: AppConfig, instance: number, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!app.increment_var) return env;
  const base = Number(env[app.increment_var]) || 0;
  return { ...env, [app.increment_var]: String(base + instance) };
}

/** Spawns a non-Node app (fork mode); an IPC channel is offered so a Node process it execs (ts-node) still reports. */
export function launchCommand(app: AppConfig, env: NodeJS.ProcessEnv, on: ChildHandlers): ManagedChild {
  const [command, args] =
    app.interpreter === 'none'
      ? [app.script, app.args]
      : [app.interpreter, [...app.node_args, app.script, ...app.args]];
  const child = spawn(command, args, {
    cwd: app.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  child.stdout?.on('data', (chunk: Buffer) => on.output('out', chunk));
  child.stderr?.on('data', (chunk: Buffer) => on.output('err', chunk));
  child.on('message', (message) => on.message(message));
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (child.pid !== undefined) return; // a send to a dead child; the exit event tells the story
    const via = app.interpreter === 'none' ? '' : ` (interpreter ${app.interpreter})`;
    on.output('err', Buffer.from(`resilab: cannot start ${command}${via}: ${error.code ?? error.message}\n`));
  });
  child.once('exit', (code, signal) => on.exit(code, signal));
  child.once('close', () => on.outputEnd());
  const pid = child.pid ?? -1;
  if (pid === -1) queueMicrotask(() => on.exit(null, null));
  else queueMicrotask(() => on.online()); // PM2's 'online' for a process it cannot see inside
  return processHandle(child, pid);
}

/** Reports `listening` once the instance's PORT answers, for apps the agent cannot reach; ends with the process. */
export function readyOnPort(app: AppConfig, env: NodeJS.ProcessEnv, on: ChildHandlers): ChildHandlers {
  const port = app.ready_on_port ? portOf(env) : null;
  if (port === null) return on;
  const watch = watchPort(port, app.listen_timeout, () => on.listening({ address: '127.0.0.1', port }));
  return {
    ...on,
    exit: (code, signal) => {
      watch.stop();
      on.exit(code, signal);
    },
  };
}

/** Writes PM2's pid_file (with `-<i>` before the extension when there are several instances). */
export function writePidFile(app: AppConfig, instance: number, pid: number): void {
  if (!app.pid_file || app.pid_file === '/dev/null' || pid <= 0) return;
  const ext = extname(app.pid_file);
  const path =
    app.instances > 1
      ? `${app.pid_file.slice(0, app.pid_file.length - ext.length)}-${instance}${ext}`
      : app.pid_file;
  try {
    writeFileSync(path, `${pid}\n`);
  } catch {
    // a pid file that cannot be written must not stop the app (PM2 logs and goes on too)
  }
}
