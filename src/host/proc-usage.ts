// A process's CPU time and RSS read straight from /proc into one reused buffer: a scrape every
// second must not allocate much in a daemon run with a 1 MB young generation (pidusage costs
// ~180 KB per 8 processes per call: RSS that grows with the scrape rate).
import { closeSync, openSync, readSync } from 'node:fs';

/** Ticks in /proc/<pid>/stat are USER_HZ, 100 on every Linux ABI Node runs on. */
const USER_HZ = 100;
const buffer = Buffer.alloc(4096);

/** Reads a small /proc file into the shared buffer; null when the process is gone. */
function readProc(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** CPU seconds used so far (user + system) and resident bytes of one process. */
export interface ProcUsage {
  cpuSeconds: number;
  rssBytes: number;
}

/** Pure: parses /proc/<pid>/stat (utime, stime) and the VmRSS line of /proc/<pid>/status. */
export function parseProcUsage(stat: string, status: string): ProcUsage | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || rss === undefined) return null;
  return { cpuSeconds: (utime + stime) / USER_HZ, rssBytes: Number(rss) * 1024 };
}

/** The usage of `pid` now, or null when it is gone (or this is not Linux). */
export function procUsage(pid: number): ProcUsage | null {
  const stat = readProc(`/proc/${pid}/stat`);
  const status = stat === null ? null : readProc(`/proc/${pid}/status`);
  return stat === null || status === null ? null : parseProcUsage(stat, status);
}
