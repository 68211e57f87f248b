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
  LoadBucket,
  ProbeSample,
  ResourceSample,
  RunRecord,
  Scenario,
  SupervisorEvent,
  VariantRecord,
} from '../../src/types.js';
import { appConfig as defaultApp } from './app-config.js';
import { at, buckets, probes } from './timeline.js';

export * from './timeline.js';

/** A resolved app config with PM2's defaults. */
export function appConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return defaultApp('/app.js', { cwd: '/', ...overrides });
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
    dependencies: [],
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
