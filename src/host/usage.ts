// CPU and memory of each instance for `list` and `monit`, sampled with pidusage in the daemon so
// the CLI stays light. pidusage is imported on first use: the daemon pays for it, once.

import type { InstanceRow } from '../protocol/results.js';
import type { InstanceInfo } from '../types.js';

type Sampler = (pid: number) => Promise<{ cpu: number; memory: number }>;
let sampler: Promise<Sampler> | null = null;

function load(): Promise<Sampler> {
  sampler ??= import('pidusage').then((module) => module.default as unknown as Sampler);
  return sampler;
}

/** The rows with cpu (%) and rss (bytes) filled in; a process that vanished meanwhile keeps nulls. */
export async function withUsage(rows: InstanceInfo[]): Promise<InstanceRow[]> {
  if (!rows.some((row) => row.pid !== null)) return rows.map((row) => ({ ...row }));
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
