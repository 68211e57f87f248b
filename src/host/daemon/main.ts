// The background supervisor process that `resilab start` launches: a Supervisor served on the
// control socket until `resilab kill` or SIGTERM. Run as `node dist/host/daemon/main.js <home>`.
import type { DaemonHello } from '../../protocol/socket.js';
import { Supervisor } from '../../supervisor/supervisor.js';
import { isHomeTaken, serveControl } from './server.js';

const home = process.argv[2];
if (!home) throw new Error('usage: node host/daemon/main.js <RESILAB_HOME>');

/** Tells the starting CLI how it went, once the message is out, then lets go of the channel. */
const say = (message: DaemonHello): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, () => {
      if (process.connected) process.disconnect();
      resolve();
    });
  });
const log = (text: string): void => {
  process.stdout.write(`${new Date().toISOString()} [daemon ${process.pid}] ${text}\n`);
};

const supervisor = new Supervisor({ home, eventsFile: null });
let control: Awaited<ReturnType<typeof serveControl>>;
try {
  control = await serveControl(supervisor, home, {
    onKill: () => {
      log('killed by `resilab kill`: every app stopped');
      process.exit(0);
    },
  });
} catch (error) {
  if (!isHomeTaken(error)) throw error;
  log(`not starting: ${(error as Error).message}`);
  await say({ type: 'exists' });
  // Exit without closing anything: the socket and pid file belong to the daemon that won.
  process.exit(0);
}
if (control.staleRemoved !== null)
  log(`removed the stale pid file and socket of a dead daemon (pid ${control.staleRemoved})`);
log(`serving ${control.socket}`);

let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping every app`);
  try {
    await supervisor.shutdown();
    await control.close();
  } finally {
    process.exit(signal === 'uncaughtException' ? 1 : 0);
  }
};
// A bug in the daemon must not leave apps without their supervisor: log it, stop them, exit 1.
process.on('uncaughtException', (error) => {
  log(`unexpected error: ${error.stack ?? error.message}`);
  if (stopping) process.exit(1); // failing while stopping: nothing more to try
  void stop('uncaughtException');
});
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGHUP', () => log('SIGHUP ignored'));
await say({ type: 'ready', pid: process.pid });
