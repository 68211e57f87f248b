// The daemon's pid file doubles as its lock: it is created with O_EXCL, so of two daemons started
// at the same moment exactly one gets it. A file left by a killed daemon (its pid gone) is stale.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { pidAlive } from '../../protocol/paths.js';

export { pidAlive };

/** The pid in the file, or null when there is no file or it does not hold a pid. */
export function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The outcome of trying to take the lock. */
export type Acquired = { ok: true; staleRemoved: number | null } | { ok: false; holder: number };

function create(file: string, pid: number): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Writes `pid` into `file` unless a live process holds it. A file whose pid is gone (or that holds
 * no pid: a writer killed between create and write) is removed once and the creation retried.
 */
export function acquirePidFile(file: string, pid: number = process.pid): Acquired {
  if (create(file, pid)) return { ok: true, staleRemoved: null };
  const holder = readPid(file);
  if (holder !== null && holder !== pid && pidAlive(holder)) return { ok: false, holder };
  rmSync(file, { force: true });
  if (create(file, pid)) return { ok: true, staleRemoved: holder ?? 0 };
  const winner = readPid(file);
  return { ok: false, holder: winner ?? 0 };
}

/** Removes the pid file if it is still ours (a successor may already own the name). */
export function releasePidFile(file: string, pid: number = process.pid): void {
  if (readPid(file) === pid) rmSync(file, { force: true });
}
