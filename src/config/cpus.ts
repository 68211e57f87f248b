// `instances: 'max'` means the CPUs this process may use, not the host's cores: in a container the
// cgroup CPU quota (cpu.max on cgroup v2, cfs_quota_us/cfs_period_us on v1) is the real limit.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** Where the cgroup files are read from (a fixture folder in tests). */
const CGROUP_ROOT = '/sys/fs/cgroup';

/** The CPU quota set on this cgroup, in CPUs (2.5 = 250 ms per 100 ms), or null when none is set. */
export function cgroupQuota(root: string = CGROUP_ROOT): number | null {
  // v2: "max 100000" (no limit) or "<quota> <period>".
  const v2 = readText(join(root, 'cpu.max'));
  if (v2 !== null) {
    const [quota, period] = v2.trim().split(/\s+/);
    return ratio(quota, period);
  }
  // v1: cpu (or cpu,cpuacct) controller; a quota of -1 means no limit.
  for (const dir of ['cpu', 'cpu,cpuacct', 'cpuacct,cpu']) {
    const quota = readText(join(root, dir, 'cpu.cfs_quota_us'));
    const period = readText(join(root, dir, 'cpu.cfs_period_us'));
    if (quota !== null && period !== null) return ratio(quota.trim(), period.trim());
  }
  return null;
}

/** The CPUs this process may use: availableParallelism() (affinity), capped by the cgroup quota (rounded up, at least 1). */
export function usableCpus(root: string = CGROUP_ROOT, parallelism: number = availableParallelism()): number {
  const quota = cgroupQuota(root);
  if (quota === null) return parallelism;
  return Math.max(1, Math.min(parallelism, Math.ceil(quota)));
}

function ratio(quota: string | undefined, period: string | undefined): number | null {
  if (quota === undefined || period === undefined || quota === 'max') return null;
  const q = Number(quota);
  const p = Number(period);
  if (!Number.isFinite(q) || !Number.isFinite(p) || q <= 0 || p <= 0) return null;
  return q / p;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
