// The control socket: `serveControl(supervisor, home)` makes a running supervisor (the daemon, or
// `resilab runtime` in the foreground) reachable by the CLI through $RESILAB_HOME/daemon.sock.
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { LabError } from '../../errors.js';
import { daemonPaths, ensureHome } from '../../protocol/paths.js';
import type { AppConfig } from '../../types.js';
import { version as packageVersion } from '../../version.js';
import type { HostedSupervisor } from '../hosted.js';
import { AppRegistry } from '../registry.js';
import { type ConnectionContext, type Subscriber, serveConnection } from './connection.js';
import { acquirePidFile, readPid, releasePidFile } from './pidfile.js';

/** How long clients get to read their last replies when the server closes. */
const CLOSE_GRACE_MS = 1000;

/** Options of serveControl. */
export interface ServeOptions {
  /** Apps the supervisor already runs (started before the socket existed), for describe and save. */
  apps?: AppConfig[];
  /** Called after `kill` shut the supervisor down and was answered: the owner ends the process. */
  onKill?: () => void;
  /** The version announced in the handshake; the package version unless a test says otherwise. */
  version?: string;
}

/** True when serveControl failed because another live supervisor holds the home (not a real failure). */
export function isHomeTaken(error: unknown): error is LabError {
  return error instanceof LabError && error.code === 'RESILAB_E_DAEMON' && error.message.startsWith('home: ');
}

/** A served socket. */
export interface ControlServer {
  socket: string;
  /** The pid file's stale owner that was cleaned up on start, or null. */
  staleRemoved: number | null;
  close(): Promise<void>;
}

/**
 * Takes the home's lock (the pid file), removes a stale socket, listens (mode 0600) and serves.
 * Another live supervisor on the same home → RESILAB_E_DAEMON naming its pid.
 */
export async function serveControl(
  supervisor: HostedSupervisor,
  home: string,
  options: ServeOptions = {},
): Promise<ControlServer> {
  ensureHome(home);
  const paths = daemonPaths(home);
  const lock = acquirePidFile(paths.pid);
  if (!lock.ok)
    throw new LabError('RESILAB_E_DAEMON', `home: a supervisor (pid ${lock.holder}) already serves ${home}`);
  // We hold the lock, so any socket file left here belongs to a dead daemon.
  rmSync(paths.socket, { force: true });

  const registry = new AppRegistry();
  registry.add(options.apps ?? []);
  const subscribers = new Set<Subscriber>();
  const sockets = new Set<Socket>();
  let closed = false;
  supervisor.on('event', (event) => {
    if (closed) return;
    // Event-loop samples arrive every second: they would push the state history out of describe.
    if (event.type !== 'event-loop') registry.record(event);
    for (const subscriber of subscribers) subscriber.event(event);
  });
  supervisor.on('log', (line) => {
    if (closed || subscribers.size === 0) return;
    const id =
      supervisor.list().find((row) => row.app === line.app && row.instance === line.instance)?.id ?? null;
    for (const subscriber of subscribers) subscriber.log(line, id);
  });

  const server = createServer();
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // end() lets a last reply (kill's) reach the client; a client that never closes is cut off.
      for (const socket of sockets) socket.end();
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, CLOSE_GRACE_MS).unref();
    });
    rmSync(paths.socket, { force: true });
    releasePidFile(paths.pid);
  };
  const context: ConnectionContext = {
    supervisor,
    registry,
    home,
    version: options.version ?? packageVersion,
    subscribers,
    kill: async () => {
      const pids = supervisor.list().flatMap((row) => (row.pid === null ? [] : [row.pid]));
      await supervisor.shutdown();
      setImmediate(() => {
        void close().then(() => options.onKill?.());
      });
      return { pids };
    },
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, context);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(paths.socket, () => resolve());
    });
    chmodSync(paths.socket, 0o600);
  } catch (error) {
    closed = true;
    server.close();
    releasePidFile(paths.pid);
    throw new LabError('RESILAB_E_DAEMON', `socket ${paths.socket}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (readPid(paths.pid) !== process.pid) {
    // Two starters raced over a stale pid file and the other one won: leave its files alone.
    server.unref();
    closed = true;
    throw new LabError(
      'RESILAB_E_DAEMON',
      `home: another supervisor took ${paths.pid} while this one started`,
    );
  }
  return { socket: paths.socket, staleRemoved: lock.staleRemoved, close };
}
