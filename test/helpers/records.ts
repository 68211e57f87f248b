// Hand-made RunRecords for metric and report tests. Every time is given in ms after load start
// (`at(ms)` turns it into epoch ms); every builder has defaults, so a test states only what matters:
//
//   const v = variantRecord({
//     buckets: [...buckets(0, 4000, { rps: 1000 }), ...buckets(4000, 10_000, { rps: 0, refused: 300 })],
//     probes: probes(0, 10_000, (t) => (t < 4000 || t > 4500 ? 'ok' : 'refused')),
//     events: [event('exit', 4002, { expected: false }), event('listening', 4080, { pid: 1001 })],
//     faults: [faultRecord(4000)],
//   });
import type {
  AppConfig,
  FaultRecord,
  FaultSpec,
  LoadBucket,
  ProbeSample,
  ResourceSample,
  RunRecord,
  Scenario,
  SupervisorEvent,
  VariantRecord,
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

/** A resolved app config with PM2's defaults. */
export function appConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    name: 'app',
    script: '/app.js',
    args: [],
    cwd: '/',
    interpreter: process.execPath,
    node_args: [],
    instances: 1,
    exec_mode: 'fork',
    env: {},
    autorestart: true,
    stop_exit_codes: [],
    min_uptime: 1000,
    max_restarts: 16,
    restart_delay: 0,
    exp_backoff_restart_delay: 0,
    exp_backoff_max_delay: 15000,
    exp_backoff_reset_after: 30000,
    max_memory_restart: null,
    memory_check_interval: 1000,
    kill_timeout: 1600,
    listen_timeout: 3000,
    wait_ready: false,
    shutdown_with_message: false,
    out_file: null,
    error_file: null,
    merge_logs: false,
    log_date_format: null,
    time: false,
    instance_var: 'NODE_APP_INSTANCE',
    watch: false,
    ignore_watch: [],
    reload_concurrency: 1,
    max_log_size: null,
    retain: 30,
    ...overrides,
  };
}

/** What a variant record is built from: everything optional, times in ms after load start. */
export interface VariantInput {
  name?: string;
  loadMs?: number;
  buckets?: LoadBucket[];
  probes?: ProbeSample[];
  events?: SupervisorEvent[];
  faults?: FaultRecord[];
  resources?: ResourceSample[];
  app?: Partial<AppConfig>;
  loadgen?: Partial<NonNullable<VariantRecord['loadgen']>> | null;
  partial?: boolean;
  /** Overrides of the phases (epoch ms), e.g. { load_end: null } for an interrupted run. */
  phases?: Partial<VariantRecord['timeline']['phases']>;
}

/** A variant that ran `loadMs` (default 10 s) of load at 1000 req/s with healthy probes, unless told otherwise. */
export function variantRecord(input: VariantInput = {}): VariantRecord {
  const loadMs = input.loadMs ?? 10_000;
  return {
    name: input.name ?? 'single',
    config: {
      variant: {
        name: input.name ?? 'single',
        exec_mode: 'fork',
        instances: 1,
        supervisor: {},
        script: null,
        env: {},
      },
      apps: [appConfig(input.app)],
      port: 40000,
    },
    timeline: {
      phases: {
        boot_start: at(-2000),
        ready: at(-1500),
        warmup_start: at(-1000),
        load_start: at(0),
        load_end: at(loadMs),
        stopped: at(loadMs + 500),
        ...input.phases,
      },
      bucket_ms: 100,
      buckets: input.buckets ?? buckets(0, loadMs),
      probes: input.probes ?? probes(0, loadMs),
      resources: input.resources ?? [],
    },
    events: input.events ?? [],
    faults: input.faults ?? [],
    loadgen:
      input.loadgen === null
        ? null
        : {
            requests: 0,
            errors: 0,
            timeouts: 0,
            non2xx: 0,
            cpu_pct_mean: 60,
            cpu_saturated: false,
            ...input.loadgen,
          },
    warnings: [],
    partial: input.partial ?? false,
    error: null,
  };
}

/** A run record around variants (default: one healthy variant). */
export function runRecord(
  variants: VariantRecord[] = [variantRecord()],
  overrides: Partial<RunRecord> = {},
): RunRecord {
  const scenario: Scenario = {
    name: 'test',
    description: '',
    file: null,
    app: { script: '/app.js', ecosystem: null, supervisor: {}, env: {} },
    variants: variants.map((v) => v.config.variant),
    load: {
      path: '/',
      method: 'GET',
      connections: 20,
      duration_ms: 10_000,
      warmup_ms: 1000,
      pipelining: 1,
      rate: null,
      timeout_ms: 2000,
    },
    probe: { path: '/', interval_ms: 10, timeout_ms: 500 },
    faults: [],
    expect: [],
    host: '127.0.0.1',
  };
  return {
    schemaVersion: 1,
    scenario,
    environment: {
      node: 'v20.0.0',
      platform: 'linux',
      arch: 'x64',
      os_release: '6',
      cpus: 2,
      cpu_model: 'cpu',
      total_memory: 1,
      resilab: '0.1.0',
    },
    started_at: at(-3000),
    ended_at: at(11_000),
    partial: false,
    floor: { boot_to_listening_ms: [60, 62, 64] },
    variants,
    ...overrides,
  };
}
