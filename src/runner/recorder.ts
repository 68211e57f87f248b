// The only sink of what happens during a variant: supervisor events, load buckets, probes,
// resource samples, faults, phases, warnings and the app's last log lines. It also keeps the live
// instances (index → pid) that the faults and the resource sampler need, from the events.
import { now } from '../clock.js';
import type {
  FaultRecord,
  InstanceInfo,
  LoadBucket,
  ProbeSample,
  ResourceSample,
  SupervisorEvent,
  Timeline,
  VariantConfig,
  VariantRecord,
} from '../types.js';

const LOG_LINES_KEPT = 20;
const GONE: ReadonlySet<SupervisorEvent['type']> = new Set(['exit', 'stopped', 'errored']);

/** Collects one variant's data; `record()` turns it into the VariantRecord of results.json. */
export class Recorder {
  readonly events: SupervisorEvent[] = [];
  readonly buckets: LoadBucket[] = [];
  readonly faults: FaultRecord[] = [];
  readonly warnings: string[] = [];
  readonly logs: string[] = [];
  probes: ProbeSample[] = [];
  resources: ResourceSample[] = [];
  loadgen: VariantRecord['loadgen'] = null;
  readonly phases: Timeline['phases'] = {
    boot_start: now(),
    ready: null,
    warmup_start: null,
    load_start: null,
    load_end: null,
    stopped: null,
  };
  private readonly live = new Map<number, number>();

  constructor(readonly bucketMs: number) {}

  /** A supervisor event: kept in order, and the live instance map follows it. */
  readonly event = (event: SupervisorEvent): void => {
    this.events.push(event);
    if (event.instance === null) return;
    if (GONE.has(event.type)) {
      if (this.live.get(event.instance) === event.pid) this.live.delete(event.instance);
    } else if (event.pid !== null && event.type !== 'stopping') {
      this.live.set(event.instance, event.pid);
    }
  };

  /** A line of the app's output; the last few are kept for error messages. */
  readonly log = (line: string): void => {
    this.logs.push(line);
    if (this.logs.length > LOG_LINES_KEPT) this.logs.shift();
  };

  readonly bucket = (bucket: LoadBucket): void => {
    this.buckets.push(bucket);
  };

  /** Seeds the live map from `list` (the events may have raced the subscription). */
  seed(instances: readonly InstanceInfo[]): void {
    for (const info of instances) if (info.pid !== null) this.live.set(info.instance, info.pid);
  }

  /** The instances that have a process now, by index. */
  instances(): { instance: number; pid: number }[] {
    return [...this.live]
      .map(([instance, pid]) => ({ instance, pid }))
      .sort((a, b) => a.instance - b.instance);
  }

  /** Exits the supervisor did not ask for (crashes, kills) so far. */
  crashes(): number {
    return this.events.filter((e) => e.type === 'exit' && !e.expected).length;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** The VariantRecord: raw data only (metrics are computed from it later). */
  record(name: string, config: VariantConfig, partial: boolean, error: string | null): VariantRecord {
    const byTime = <T extends { t_start: number }>(a: T, b: T) => a.t_start - b.t_start;
    return {
      name,
      config,
      timeline: {
        phases: { ...this.phases },
        bucket_ms: this.bucketMs,
        buckets: [...this.buckets].sort(byTime),
        probes: [...this.probes].sort(byTime),
        resources: [...this.resources].sort((a, b) => a.t - b.t),
      },
      events: [...this.events],
      faults: [...this.faults].sort((a, b) => a.t - b.t),
      loadgen: this.loadgen,
      warnings: [...this.warnings],
      partial,
      error,
    };
  }
}
