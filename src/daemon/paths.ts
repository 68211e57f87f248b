// The daemon's files in $RESILAB_HOME, in one place so the CLI, the daemon and the tests agree.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
