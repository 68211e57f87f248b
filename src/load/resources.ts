// CPU and RSS of the processes under test, the supervisor and the runner, sampled with pidusage.
// The target list is read at every tick because pids change on restarts; a pid that vanished
// between the list and the read is skipped silently (it was restarting, not an error).
import pidusage from 'pidusage';
import { now } from '../clock.js';
import type { ResourceSample } from '../types.js';

/** One process to sample, as the caller knows it now. */
export interface ResourceTarget {
  role: ResourceSample['role'];
  instance: number | null;
  pid: number;
}

/** A running sampler; stop() ends the timer and returns every sample in time order. */
export interface ResourceSampler {
  stop(): ResourceSample[];
  /** The samples so far (for live output). */
  samples(): readonly ResourceSample[];
}

type Stats = Record<string, { cpu: number; memory: number } | null | undefined>;

function readStats(pids: number[]): Promise<Stats> {
  return new Promise((resolve) => {
    pidusage(pids, (error: Error | null, stats: Stats) => {
      // With one pid a vanished process is an error; with several it is a null entry.
      resolve(error ? {} : (stats ?? {}));
    });
  });
}

/** Samples every intervalMs (the first after one interval) until stop(). */
export function startResourceSampler(options: {
  intervalMs: number;
  targets: () => ResourceTarget[];
}): ResourceSampler {
  const samples: ResourceSample[] = [];
  let stopped = false;
  let busy = false;

  async function tick(): Promise<void> {
    if (busy || stopped) return;
    busy = true;
    try {
      const targets = options.targets().filter((target) => Number.isInteger(target.pid) && target.pid > 0);
      if (targets.length === 0) return;
      const t = now();
      const stats = await readStats([...new Set(targets.map((target) => target.pid))]);
      if (stopped) return;
      for (const target of targets) {
        const stat = stats[String(target.pid)];
        if (!stat) continue;
        samples.push({ t, ...target, rss: stat.memory, cpu_pct: stat.cpu });
      }
    } finally {
      busy = false;
    }
  }

  const timer = setInterval(() => void tick(), options.intervalMs);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      pidusage.clear();
      return [...samples];
    },
    samples: () => samples,
  };
}
