// `resilab runtime`: the supervisor in the foreground, like pm2-runtime. Prefixed log lines on
// stdout, SIGINT/SIGTERM → graceful stop of everything, SIGHUP → rolling reload; with --ipc it
// also serves the parent process (the runner) over the IPC channel.
import { appsFromTarget, type RuntimeFlags } from '../config/ecosystem.js';
import { resilabHome } from '../config/home.js';
import type { InstanceInfo } from '../types.js';
import { serveIpc } from './ipc-server.js';
import { toWireError } from './protocol.js';
import { isUp } from './states.js';
import { Supervisor } from './supervisor.js';

/** What `resilab runtime` was asked for. */
export interface ForegroundOptions {
  target: string;
  flags: RuntimeFlags;
  eventsFile: string | null;
  ipc: boolean;
}

/** Why startup is not a success: an instance that errored, stopped, or never got up. */
export function notReady(instances: InstanceInfo[]): string | null {
  const bad = instances.filter((i) => !isUp(i.state));
  if (bad.length === 0) return null;
  return bad.map((i) => `${i.app}:${i.instance} is ${i.state} (not listening or ready)`).join('; ');
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
  const ipc = options.ipc && process.send ? serveIpc(supervisor, stop) : null;

  try {
    const instances = await supervisor.start(apps);
    const problem = notReady(instances);
    ipc?.started(instances, problem ? { code: 'RESILAB_E_NOT_READY', message: problem } : undefined);
    if (problem) process.stderr.write(`resilab: ${problem}\n`);
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
  return 0;
}
