// The runner's supervisor process: `node dist/host/ipc-main.js`, forked with an IPC channel by
// SupervisorClient. The parent resolves and validates the apps (config/ with zod and yaml stays in
// the parent) and sends them once as `boot`; this process loads only the supervisor and the IPC
// server, since its RSS is a measured figure (bench/pm2-compare.js). Otherwise it behaves as
// `resilab runtime --ipc`: prefixed log lines, `started` once, SIGINT/SIGTERM or the parent
// leaving → graceful stop of every app, SIGHUP → rolling reload.
import { type IpcMessage, parseIpcBoot, toWireError } from '../protocol/ipc.js';
import { resilabHome } from '../protocol/paths.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { serveIpc } from './ipc-server.js';
import { notReady, RUNTIME_EXIT, runtimeExitCode } from './runtime-exit.js';

const send = (message: IpcMessage): void => {
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
};

/** Waits for the parent's `boot`; a malformed one is answered with a failed `started` and exit 2. */
function boot(): Promise<ReturnType<typeof parseIpcBoot>> {
  return new Promise((resolve) => {
    process.once('message', (message: unknown) => {
      try {
        resolve(parseIpcBoot(message));
      } catch (error) {
        send({ kind: 'started', ok: false, instances: [], error: toWireError(error) });
        process.stderr.write(`resilab: ${(error as Error).message}\n`);
        process.exitCode = 2;
        process.disconnect();
      }
    });
    // Sent once the listener exists: a message sent before it would be lost.
    send({ kind: 'waiting' });
  });
}

if (!process.send) {
  process.stderr.write('resilab: host/ipc-main.js is started by the runner, with an IPC channel\n');
  process.exit(2);
}
const { apps } = await boot();
const home = resilabHome();
const supervisor = new Supervisor({ home, eventsFile: null });
supervisor.on('log', (l) => {
  (l.stream === 'err' ? process.stderr : process.stdout).write(`${l.app}:${l.instance} | ${l.line}\n`);
});
let forced = false;
supervisor.on('event', (event) => {
  if (event.type === 'stopped' && event.forced) forced = true;
});
let stopping = false;
let failed = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void supervisor.shutdown().finally(() => {
    if (process.connected) process.disconnect();
    process.exit(failed ? RUNTIME_EXIT.errored : runtimeExitCode({ by: 'signal', forced }));
  });
};
const onSignal = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  process.stderr.write(`resilab: ${signal}: stopping every app\n`);
  forced = false; // only the stop asked for now counts
  stop();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', () => void supervisor.reload('all').catch(() => undefined));
const ipc = serveIpc(supervisor, { apps, home, stop });
try {
  const instances = await supervisor.start(apps);
  const problem = notReady(instances, apps);
  ipc.started(instances, problem ? { code: 'RESILAB_E_NOT_READY', message: problem } : undefined);
  if (problem) process.stderr.write(`resilab: ${problem}\n`);
} catch (error) {
  ipc.started(supervisor.list(), toWireError(error));
  process.stderr.write(`resilab: ${(error as Error).message}\n`);
  failed = true;
  stop();
}
