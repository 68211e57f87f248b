// CPU and memory of each instance for `list` and `monit`, sampled in the daemon so the CLI stays
// light. On Linux straight from /proc (proc-usage.ts): pidusage would cost the daemon ~4 MiB of RSS
// from the first `list` on, and the daemon's RSS is held against PM2's. Elsewhere pidusage, imported
// on first use.
import type { InstanceRow } from '../protocol/results.js';
import type { InstanceInfo } from '../types.js';
import { procUsage } from './proc-usage.js';

type Sampler = (pid: number) => Promise<{ cpu: number; memory: number }>;
let sampler: Promise<Sampler> | null = null;

function load(): Promise<Sampler> {
  sampler ??= import('pidusage').then((module) => module.default as unknown as Sampler);
  return sampler;
}

/** A process's CPU time when it was last sampled, to give the next sample a rate. */
interface Reading {
  cpuSeconds: number;
  at: number;
}
const readings = new Map<number, Reading>();

/**
 * Pure: CPU % (of one core) since the previous reading of the same process, or on the first reading
 * since the process started (as pidusage does); null when no time has passed to divide by.
 */
export function cpuPercent(now: Reading, previous: Reading | null, startedAt: number | null): number | null {
  const since = previous ?? (startedAt === null ? null : { cpuSeconds: 0, at: startedAt });
  if (since === null || now.at <= since.at) return null;
  const percent = ((now.cpuSeconds - since.cpuSeconds) / ((now.at - since.at) / 1000)) * 100;
  return Math.round(Math.max(0, percent) * 10) / 10;
}

function fromProc(rows: InstanceInfo[]): InstanceRow[] {
  const at = Date.now();
  const seen = new Set<number>();
  const out = rows.map((row) => {
    if (row.pid === null) return { ...row, cpu: null, rss: null };
    const usage = procUsage(row.pid);
    if (usage === null) return { ...row, cpu: null, rss: row.rss }; // it ended meanwhile
    seen.add(row.pid);
    const now = { cpuSeconds: usage.cpuSeconds, at };
    const cpu = cpuPercent(now, readings.get(row.pid) ?? null, row.started_at);
    readings.set(row.pid, now);
    return { ...row, cpu, rss: usage.rssBytes };
  });
  for (const pid of readings.keys()) if (!seen.has(pid)) readings.delete(pid);
  return out;
}

/** The rows with cpu (%) and rss (bytes) filled in; a process that vanished meanwhile keeps nulls. */
export async function withUsage(rows: InstanceInfo[]): Promise<InstanceRow[]> {
  if (!rows.some((row) => row.pid !== null)) return rows.map((row) => ({ ...row }));
  if (process.platform === 'linux') return fromProc(rows);
  const sample = await load();
  return Promise.all(
    rows.map(async (row) => {
      if (row.pid === null) return { ...row, cpu: null, rss: null };
      try {
        const usage = await sample(row.pid);
        return { ...row, cpu: Math.round(usage.cpu * 10) / 10, rss: usage.memory };
      } catch {
        return { ...row, cpu: null, rss: row.rss };
      }
    }),
  );
}
