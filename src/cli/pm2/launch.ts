// `resilab start` and `resurrect` need a daemon: reach the running one, or start one in the
// background (detached, its own process group, output to daemon.log) and wait for its word.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LabError } from '../../errors.js';
import { SUPERVISOR_NODE_FLAGS } from '../../protocol/node-flags.js';
import { daemonPaths, ensureHome } from '../../protocol/paths.js';
import type { DaemonHello } from '../../protocol/socket.js';
import { DaemonClient, isNotRunning } from './client.js';

/** How long a new daemon may take to listen before start gives up. */
export const DAEMON_START_TIMEOUT_MS = 10_000;
/** Between connection attempts while another starter's daemon comes up. */
const CONNECT_RETRY_MS = 25;

/** The daemon's program (a host of the supervisor); a path to run, not a module this CLI loads. */
const DAEMON_MAIN = fileURLToPath(new URL('../../host/daemon/main.js', import.meta.url));

/** Connects, retrying while nobody listens yet, until the deadline. */
async function connectBy(home: string, deadline: number): Promise<DaemonClient> {
  for (;;) {
    try {
      return await DaemonClient.connect(home);
    } catch (error) {
      if (!isNotRunning(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
}

function spawnDaemon(home: string, args: string[]): Promise<DaemonHello> {
  ensureHome(home);
  const log = openSync(daemonPaths(home).log, 'a', 0o600);
  const child = spawn(process.execPath, [...SUPERVISOR_NODE_FLAGS, DAEMON_MAIN, home, ...args], {
    detached: true,
    cwd: home,
    env: { ...process.env, RESILAB_HOME: home },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  return new Promise<DaemonHello>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(
        new LabError(
          'RESILAB_E_DAEMON',
          `the daemon (pid ${child.pid}) did not start within ${DAEMON_START_TIMEOUT_MS} ms: see ${daemonPaths(home).log}`,
        ),
      );
    }, DAEMON_START_TIMEOUT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      child.removeAllListeners();
      if (child.connected) child.disconnect();
      child.unref();
    };
    child.once('message', (message: DaemonHello) => {
      finish();
      resolve(message);
    });
    child.once('exit', (code, signal) => {
      finish();
      // Exit 0 before a word: it found another daemon serving this home (the message was lost).
      if (code === 0) resolve({ type: 'exists' });
      else
        reject(
          new LabError(
            'RESILAB_E_DAEMON',
            `the daemon exited on start (${signal ?? `code ${code}`}): see ${daemonPaths(home).log}`,
          ),
        );
    });
    child.once('error', (error) => {
      finish();
      reject(new LabError('RESILAB_E_DAEMON', `cannot start the daemon: ${error.message}`, { cause: error }));
    });
  });
}

/** The running daemon of `home`, started first (with `args`) if there is none; `started` tells which. */
export async function ensureDaemon(
  home: string,
  args: string[] = [],
): Promise<{ client: DaemonClient; started: boolean }> {
  try {
    return { client: await DaemonClient.connect(home), started: false };
  } catch (error) {
    if (!isNotRunning(error)) throw error;
  }
  const hello = await spawnDaemon(home, args);
  const deadline = Date.now() + DAEMON_START_TIMEOUT_MS;
  // 'exists': another starter's daemon won the lock and may still be binding its socket.
  const client = await connectBy(home, deadline);
  return { client, started: hello.type === 'ready' };
}

/** The running daemon of `home`; none → RESILAB_E_DAEMON saying how to start one. */
export async function requireDaemon(home: string): Promise<DaemonClient> {
  try {
    return await DaemonClient.connect(home);
  } catch (error) {
    if (isNotRunning(error))
      throw new LabError(
        'RESILAB_E_DAEMON',
        `no daemon is running in ${home}: start an app with \`resilab start <script>\``,
      );
    throw error;
  }
}

/** Runs one action on the running daemon of `home` (RESILAB_E_DAEMON when there is none), then hangs up. */
export async function withDaemon<T>(home: string, action: (client: DaemonClient) => Promise<T>): Promise<T> {
  const client = await requireDaemon(home);
  try {
    return await action(client);
  } finally {
    client.close();
  }
}
