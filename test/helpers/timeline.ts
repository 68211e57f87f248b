// Timeline pieces for hand-made records: load buckets, probes, supervisor events, faults and resource
// samples, every time given in ms after load start (`at(ms)` turns it into epoch ms). Use them
// through records.ts, which re-exports them.
import type {
  FaultRecord,
  FaultSpec,
  LoadBucket,
  ProbeSample,
  ResourceSample,
  SupervisorEvent,
} from '../../src/types.js';

/** Load start, the origin of every relative time here (an arbitrary epoch). */
export const T0 = 1_750_000_000_000;

/** Epoch ms of a time relative to load start. */
export function at(ms: number): number {
  return T0 + ms;
}

/** What one bucket holds; `rps` sets ok_2xx from a rate, `latency` a number sets every percentile. */
export type BucketFill = Partial<Omit<LoadBucket, 't_start' | 't_end' | 'latency'>> & {
  rps?: number;
  latency?: number | LoadBucket['latency'];
};

/** Buckets of `bucketMs` from `from` to `to` (ms after load start); default 1000 req/s answered in 2 ms. */
export function buckets(
  from: number,
  to: number,
  fill: BucketFill | ((startMs: number) => BucketFill) = {},
  bucketMs = 100,
): LoadBucket[] {
  const out: LoadBucket[] = [];
  for (let start = from; start < to; start += bucketMs) {
    const f = typeof fill === 'function' ? fill(start) : fill;
    const ok = f.ok_2xx ?? Math.round(((f.rps ?? 1000) * bucketMs) / 1000);
    const lat = f.latency ?? 2;
    out.push({
      t_start: at(start),
      t_end: at(Math.min(start + bucketMs, to)),
      ok_2xx: ok,
      non_2xx: f.non_2xx ?? 0,
      resets: f.resets ?? 0,
      refused: f.refused ?? 0,
      timeouts: f.timeouts ?? 0,
      other_errors: f.other_errors ?? 0,
      latency:
        typeof lat === 'number'
          ? ok > 0
            ? { count: ok, p50: lat, p90: lat, p99: lat, max: lat }
            : null
          : lat,
    });
  }
  return out;
}

/** A probe outcome: 'ok' (200) or an error kind; or a full sample's fields. */
export type ProbeOutcome = 'ok' | 'refused' | 'reset' | 'timeout' | Partial<ProbeSample>;

/** Probes started every `interval` ms from `from` to `to`, each taking `latency` ms (timeouts take 500). */
export function probes(
  from: number,
  to: number,
  outcome: ProbeOutcome | ((startMs: number) => ProbeOutcome) = 'ok',
  { interval = 10, latency = 1, pid = 1000 }: { interval?: number; latency?: number; pid?: number } = {},
): ProbeSample[] {
  const out: ProbeSample[] = [];
  for (let start = from; start < to; start += interval)
    out.push(probe(start, typeof outcome === 'function' ? outcome(start) : outcome, latency, pid));
  return out;
}

/** One probe started at `startMs`. */
export function probe(startMs: number, outcome: ProbeOutcome = 'ok', latency = 1, pid = 1000): ProbeSample {
  if (typeof outcome === 'object')
    return {
      t_start: at(startMs),
      t_end: at(startMs + latency),
      ok: true,
      status: 200,
      error: null,
      pid,
      ...outcome,
    };
  const ok = outcome === 'ok';
  return {
    t_start: at(startMs),
    t_end: at(startMs + (outcome === 'timeout' ? 500 : latency)),
    ok,
    status: ok ? 200 : null,
    error: ok ? null : outcome,
    pid: ok ? pid : null,
  };
}

type EventOf<T extends SupervisorEvent['type']> = Extract<SupervisorEvent, { type: T }>;

/** A supervisor event at `ms`: app 'app', instance 0, pid 1000 unless given; exits are unexpected by default. */
export function event<T extends SupervisorEvent['type']>(
  type: T,
  ms: number,
  fields: Partial<Omit<EventOf<T>, 'type'>> = {},
): EventOf<T> {
  const defaults: Record<string, unknown> = {
    exit: { code: 1, signal: null, uptime_ms: 5000, expected: false },
    'restart-scheduled': { delay_ms: 0, reason: 'exit', restarts: 1 },
    'reload-begin': { instances: 1 },
    'reload-end': { duration_ms: 0, ok: true },
    'event-loop': { p50_ms: 1, max_ms: 5 },
  };
  return {
    t: at(ms),
    app: 'app',
    instance: 0,
    pid: 1000,
    type,
    ...(defaults[type] as object),
    ...fields,
  } as EventOf<T>;
}

/** A fault carried out at `ms` (default: an http crash); `t_end`, targets and outcome as given. */
export function faultRecord(
  ms: number,
  spec: Partial<FaultSpec> = {},
  fields: Partial<FaultRecord> = {},
): FaultRecord {
  const full = {
    kind: 'crash',
    via: 'http',
    path: '/crash',
    instance: 'random',
    ...spec,
    at_ms: ms,
  } as FaultSpec;
  return {
    kind: full.kind,
    spec: full,
    t: at(ms),
    at_ms: ms,
    t_end: null,
    targets: [],
    ok: true,
    error: null,
    ...fields,
  };
}

/** A resource sample at `ms` (rss in MiB for readability). */
export function resource(
  ms: number,
  role: ResourceSample['role'],
  rssMib: number,
  cpu = 50,
  instance: number | null = 0,
): ResourceSample {
  return {
    t: at(ms),
    role,
    instance: role === 'instance' ? instance : null,
    pid: 1000,
    rss: rssMib * 1024 * 1024,
    cpu_pct: cpu,
  };
}
