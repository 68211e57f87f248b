// Where the socket transport lives: the daemon's files in $RESILAB_HOME, in one place so the CLI,
// the hosts and the tests agree.
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$RESILAB_HOME`, default `~/.resilab`, as an absolute path: where logs, the socket and the dump live. */
export function resilabHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.RESILAB_HOME;
  return configured ? resolve(configured) : join(homedir(), '.resilab');
}

/** Where the running daemon can be found and where it writes. */
export interface DaemonPaths {
  home: string;
  /** Unix socket, mode 0600. */
  socket: string;
  /** The daemon's pid, created with O_EXCL: it is also the lock that keeps a second daemon out. */
  pid: string;
  /** The daemon's own stdout/stderr. */
  log: string;
  /** The saved process list (save / resurrect). */
  dump: string;
}

/** The file names under `home`. */
export function daemonPaths(home: string): DaemonPaths {
  return {
    home,
    socket: join(home, 'daemon.sock'),
    pid: join(home, 'daemon.pid'),
    log: join(home, 'daemon.log'),
    dump: join(home, 'dump.json'),
  };
}

/** Creates $RESILAB_HOME readable by its owner only (0700), as the socket's directory must be. */
export function ensureHome(home: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
}

/** True while a process with this pid exists and is not a zombie (signal 0 probes, /proc tells zombies). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc (macOS): signal 0 is all there is.
    return process.platform !== 'linux';
  }
}
