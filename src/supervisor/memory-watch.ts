// max_memory_restart: every memory_check_interval (default 1 s, PM2: 30 s) the instances' RSS is read
// with pidusage; one over the limit is reported once and replaced by the engine.
import type { AppConfig } from '../types.js';
import type { Instance } from './instance.js';

/** One resource sample of a process, or null when it is gone. */
export type Sampler = (pid: number) => Promise<{ memory: number; cpu: number } | null>;

type Pidusage = (pid: number) => Promise<{ memory: number; cpu: number }>;
let pidusage: Promise<Pidusage> | null = null;

/** The real sampler: pidusage (RSS in bytes, CPU %), imported on the first sample: a supervisor
 * with no memory limit does not carry it. */
export const pidusageSampler: Sampler = (pid) => {
  pidusage ??= import('pidusage').then((module) => module.default as unknown as Pidusage);
  return pidusage.then((sample) => sample(pid)).catch(() => null); // a pid may end meanwhile
};

/** Samples an app's instances and calls over() for each one above the limit. */
export class MemoryWatch {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly app: AppConfig,
    private readonly instances: () => Instance[],
    private readonly over: (instance: Instance, rss: number, limit: number) => void,
    private readonly sampler: Sampler = pidusageSampler,
  ) {}

  start(): void {
    if (this.timer || this.app.max_memory_restart === null) return;
    this.timer = setInterval(() => void this.check(), this.app.memory_check_interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    const limit = this.app.max_memory_restart;
    if (this.busy || limit === null) return;
    this.busy = true;
    try {
      const live = this.instances().filter((i) => i.pid !== null && i.state !== 'stopping');
      const stats = await Promise.all(live.map((i) => this.sampler(i.pid ?? 0)));
      for (const [n, instance] of live.entries()) {
        const stat = stats[n];
        if (!stat) continue;
        instance.sample(stat.memory, stat.cpu);
        if (stat.memory > limit) this.over(instance, stat.memory, limit);
      }
    } finally {
      this.busy = false;
    }
  }
}
