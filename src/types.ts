// The shared contracts of resilab. Data flows one way:
// scenario file → runner → (supervisor + load + prober + faults) → RunRecord → metrics → reports.
// Everything here is plain data (JSON-serialisable) unless marked otherwise.

/** Epoch milliseconds with a fraction: `performance.timeOrigin + performance.now()` (see clock.ts). */
export type EpochMs = number;

import type { FaultMetricName, MetricName } from './catalog.js';

// ─── Supervisor: resolved app configuration ────────────────────────────────────────────────────

export type ExecMode = 'fork' | 'cluster';

/**
 * One app after its ecosystem entry / CLI flags were validated and defaults applied.
 * Names follow PM2's ecosystem keys so a reader of PM2's docs recognises every field.
 */
export interface AppConfig {
  name: string;
  /** Absolute path of the script. */
  script: string;
  args: string[];
  /** Absolute working directory. */
  cwd: string;
  /** Absolute path of the interpreter (process.execPath for node). */
  interpreter: string;
  node_args: string[];
  /** Resolved instance count (>= 1). */
  instances: number;
  exec_mode: ExecMode;
  /** `env`, then `env_<name>` merged over it (the command's own environment is added at spawn). */
  env: Record<string, string>;
  autorestart: boolean;
  stop_exit_codes: number[];
  min_uptime: number;
  max_restarts: number;
  restart_delay: number;
  /** 0 = off; otherwise the first backoff delay in ms. */
  exp_backoff_restart_delay: number;
  exp_backoff_max_delay: number;
  exp_backoff_reset_after: number;
  /** Bytes (1024-based), or null for no limit. */
  max_memory_restart: number | null;
  memory_check_interval: number;
  kill_timeout: number;
  listen_timeout: number;
  wait_ready: boolean;
  shutdown_with_message: boolean;
  /** Absolute paths; null = the default under $RESILAB_HOME/logs. '/dev/null' disables. */
  out_file: string | null;
  error_file: string | null;
  merge_logs: boolean;
  log_date_format: string | null;
  time: boolean;
  instance_var: string;
  watch: boolean | string[];
  ignore_watch: string[];
  reload_concurrency: number;
  /** Bytes, or null for no rotation. */
  max_log_size: number | null;
  retain: number;
}

export type InstanceState =
  | 'launching'
  | 'online'
  | 'listening'
  | 'ready'
  | 'stopping'
  | 'stopped'
  | 'waiting-restart'
  | 'errored';

/** A row of `list`: one instance as the supervisor sees it now. */
export interface InstanceInfo {
  app: string;
  /** Stable instance index within the app (0..instances-1), also NODE_APP_INSTANCE. */
  instance: number;
  /** Global id across apps, like PM2's pm_id. */
  id: number;
  pid: number | null;
  state: InstanceState;
  exec_mode: ExecMode;
  restarts: number;
  unstable_restarts: number;
  /** When the current process started (epoch ms), or null. */
  started_at: EpochMs | null;
  /** Bytes, from the last memory check, or null. */
  rss: number | null;
  cpu: number | null;
}

// ─── Supervisor events ─────────────────────────────────────────────────────────────────────────

interface EventBase {
  t: EpochMs;
  app: string;
  instance: number | null;
  pid: number | null;
}

/** Every state change of the supervisor, in the order it happened. Written as JSON lines by --events. */
export type SupervisorEvent =
  | (EventBase & { type: 'spawn' })
  | (EventBase & { type: 'online' })
  | (EventBase & { type: 'listening'; address?: string; port?: number })
  | (EventBase & { type: 'ready' })
  | (EventBase & {
      type: 'exit';
      code: number | null;
      signal: string | null;
      uptime_ms: number;
      /** True when the supervisor asked for this exit (stop, restart, reload, memory limit, scale down). */
      expected: boolean;
    })
  | (EventBase & { type: 'restart-scheduled'; delay_ms: number; reason: string; restarts: number })
  | (EventBase & { type: 'memory-limit'; rss: number | null; limit: number })
  | (EventBase & { type: 'errored'; reason: string; restarts: number })
  | (EventBase & { type: 'stopping'; reason: string })
  | (EventBase & { type: 'stopped'; forced: boolean; duration_ms: number })
  | (EventBase & { type: 'reload-begin'; instances: number })
  | (EventBase & { type: 'reload-end'; duration_ms: number; ok: boolean; error?: string })
  | (EventBase & { type: 'scale'; from: number; to: number })
  | (EventBase & { type: 'listen-timeout'; timeout_ms: number })
  /** A watched file changed (`watch`): the app is restarted (fork) or reloaded (cluster) once per burst. */
  | (EventBase & { type: 'watch-restart'; path: string; changes: number; action: 'restart' | 'reload' })
  | (EventBase & { type: 'event-loop'; p50_ms: number; max_ms: number });

export type SupervisorEventType = SupervisorEvent['type'];

// ─── Supervisor commands (what the runner and its faults ask of any supervisor) ───────────────

/**
 * `target` is an app name, a global id as a string, or 'all'. `env` on restart/reload replaces the
 * app's env entries for the new processes (PM2's --update-env): how a bad deploy (boot-crash) is injected.
 */
export type SupervisorCommand =
  | { cmd: 'restart'; target: string; env?: Record<string, string> }
  | { cmd: 'reload'; target: string; env?: Record<string, string> }
  | { cmd: 'stop'; target: string }
  | { cmd: 'scale'; target: string; instances: number };

// ─── Scenario (resolved, after validation) ─────────────────────────────────────────────────────

export interface ScenarioApp {
  /** Absolute path of a script, or null when an ecosystem file is used. */
  script: string | null;
  ecosystem: string | null;
  /** Ecosystem keys applied to every variant (PM2 names). */
  supervisor: Record<string, unknown>;
  env: Record<string, string>;
}

/** Who supervises a variant's app: resilab, the user's PM2, bare `node app.js`, or a hand-written node:cluster primary. */
export type ManagerName = 'resilab' | 'pm2' | 'node' | 'node-cluster';

export interface Variant {
  name: string;
  /** The supervisor the variant runs under; absent (results from before managers) means resilab. */
  manager?: ManagerName;
  exec_mode: ExecMode;
  instances: number | 'max';
  /** Extra ecosystem keys for this variant only, over app.supervisor. */
  supervisor: Record<string, unknown>;
  /** Another script for this variant (e.g. bare-app vs http-app), absolute. */
  script: string | null;
  env: Record<string, string>;
}

export interface LoadSpec {
  path: string;
  method: string;
  connections: number;
  duration_ms: number;
  warmup_ms: number;
  pipelining: number;
  /** Requests/s over all connections, or null for as fast as possible. */
  rate: number | null;
  timeout_ms: number;
}

export interface ProbeSpec {
  path: string;
  interval_ms: number;
  timeout_ms: number;
}

export type InstanceTarget = number | 'random' | 'all';

export type FaultSpec =
  | { kind: 'crash'; at_ms: number; via: 'http'; path: string; instance: InstanceTarget }
  | { kind: 'crash'; at_ms: number; via: 'signal'; signal: string; instance: InstanceTarget }
  | { kind: 'kill'; at_ms: number; signal: string; instance: InstanceTarget }
  | { kind: 'freeze'; at_ms: number; duration_ms: number; instance: InstanceTarget }
  | { kind: 'leak'; at_ms: number; path: string; mb: number; rate_per_s: number; duration_ms: number }
  | { kind: 'cpu'; at_ms: number; path: string; concurrent: number; loops: number }
  | { kind: 'reload'; at_ms: number }
  | { kind: 'restart'; at_ms: number }
  | { kind: 'scale'; at_ms: number; instances: number }
  | { kind: 'boot-crash'; at_ms: number; env: Record<string, string> };

export type FaultKind = FaultSpec['kind'];

export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Threshold {
  /** A variant name, or '*' for every variant. */
  variant: string;
  /** A flat metric name (see VariantMetrics), e.g. 'downtime_ms', 'latency_p99_ms'. */
  metric: string;
  op: ThresholdOp;
  value: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** Absolute path of the scenario file, or null when built in code. */
  file: string | null;
  app: ScenarioApp;
  variants: Variant[];
  load: LoadSpec;
  probe: ProbeSpec | null;
  faults: FaultSpec[];
  expect: Threshold[];
  /** Whether target may be a non-loopback host (needs --allow-remote-target). */
  host: string;
}

// ─── Measurements ──────────────────────────────────────────────────────────────────────────────

/** Load-generator outcome counts and latency for one time window (default 100 ms). */
export interface LoadBucket {
  t_start: EpochMs;
  t_end: EpochMs;
  /** Responses by class. */
  ok_2xx: number;
  non_2xx: number;
  /** Errors of in-flight requests (ECONNRESET, socket hang up, EPIPE). */
  resets: number;
  /** Connection attempts refused (ECONNREFUSED); autocannon retries these in a tight loop. */
  refused: number;
  timeouts: number;
  other_errors: number;
  /** Latency of the responses completed in this window (ms), from autocannon. */
  latency: { count: number; p50: number; p90: number; p99: number; max: number } | null;
}

/** One fresh-connection probe request. */
export interface ProbeSample {
  t_start: EpochMs;
  t_end: EpochMs;
  ok: boolean;
  status: number | null;
  error: 'refused' | 'reset' | 'timeout' | 'other' | null;
  /** The pid from the response header x-pid, when present. */
  pid: number | null;
}

export interface ResourceSample {
  t: EpochMs;
  role: 'supervisor' | 'instance' | 'loadgen' | 'runner';
  instance: number | null;
  pid: number;
  rss: number;
  cpu_pct: number;
}

/** A fault as it was carried out. */
export interface FaultRecord {
  kind: FaultKind;
  spec: FaultSpec;
  /** When it was triggered (epoch ms) and relative to load start. */
  t: EpochMs;
  at_ms: number;
  /** When it ended (freeze resumed, reload finished, …), or null when instantaneous. */
  t_end: EpochMs | null;
  /** Instances it touched (index) and their pids at the time. */
  targets: { instance: number; pid: number | null }[];
  ok: boolean;
  error: string | null;
}

export interface Environment {
  node: string;
  platform: string;
  arch: string;
  os_release: string;
  cpus: number;
  cpu_model: string;
  total_memory: number;
  resilab: string;
  /** The PM2 a run compared with (its version and path), when a variant ran under PM2. */
  pm2?: { version: string; path: string };
}

/** What one variant ran with. */
export interface VariantConfig {
  variant: Variant;
  /** The app config(s) the supervisor ran, resolved. */
  apps: AppConfig[];
  port: number;
}

/** Everything over time for one variant. */
export interface Timeline {
  /** Phase boundaries (epoch ms). `load_start` is time 0 of every fault's at_ms. */
  phases: {
    boot_start: EpochMs;
    ready: EpochMs | null;
    warmup_start: EpochMs | null;
    load_start: EpochMs | null;
    load_end: EpochMs | null;
    stopped: EpochMs | null;
  };
  bucket_ms: number;
  buckets: LoadBucket[];
  probes: ProbeSample[];
  resources: ResourceSample[];
}

/** What was measured for one variant: raw data only, no derived figures. */
export interface VariantRecord {
  name: string;
  config: VariantConfig;
  timeline: Timeline;
  events: SupervisorEvent[];
  faults: FaultRecord[];
  /** Load generator totals as autocannon reported them (for honesty, never for metrics). */
  loadgen: {
    requests: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    cpu_pct_mean: number | null;
    cpu_saturated: boolean;
  } | null;
  warnings: string[];
  partial: boolean;
  error: string | null;
}

/** Everything a run measured. The seam between doing and computing. */
export interface RunRecord {
  schemaVersion: 1;
  scenario: Scenario;
  environment: Environment;
  started_at: EpochMs;
  ended_at: EpochMs;
  /** True when the run was interrupted (Ctrl-C, error): the data is what was measured until then. */
  partial: boolean;
  /** Bare `fork()` of the app → listening, measured before the variants: the floor for ratios. */
  floor: { boot_to_listening_ms: number[] } | null;
  variants: VariantRecord[];
}

// ─── Metrics (pure functions of a RunRecord) ───────────────────────────────────────────────────

/**
 * Flat, named figures so thresholds, compare and tables address them by one name: exactly the
 * catalog's names (catalog.ts), so a figure the types do not name cannot exist.
 * null = not measurable or never reached (e.g. no recovery before the end); see `flags`.
 */
export type VariantMetrics = { [K in MetricName]: number | null };

/** The figures measured over one fault's window: the catalog entries marked `fault`. */
export type FaultMetrics = { [K in FaultMetricName]: number | null };

/** A note attached to a figure: why it is null, tainted or to be read with care. */
export interface MetricFlag {
  metric: string;
  code:
    | 'no_recovery'
    | 'latency_tainted'
    | 'loadgen_saturated'
    | 'no_steady_state'
    | 'no_probe'
    | 'no_event'
    | 'event_loop_blocked'
    | 'partial';
  message: string;
}

/** A fault as carried out, with its figures. */
export interface FaultResult extends FaultRecord {
  metrics: FaultMetrics;
  flags: MetricFlag[];
}

/** A variant's record with its figures (a variant of results.json). */
export interface VariantResult extends Omit<VariantRecord, 'faults'> {
  /** Steady-state figures and, for each fault metric, the worst over its faults. */
  metrics: VariantMetrics;
  flags: MetricFlag[];
  faults: FaultResult[];
}

export interface ThresholdResult {
  threshold: Threshold;
  variant: string;
  actual: number | null;
  pass: boolean;
  message: string;
}

/** results.json: the RunRecord with every figure computed from it, so any report re-renders from it. */
export interface Results extends Omit<RunRecord, 'variants'> {
  variants: VariantResult[];
  thresholds: ThresholdResult[];
}

// ── The 10-million-loop challenge: the runner's record and its figures (challenge.json). ──

/** One request of one challenge round: how long the client waited and which process answered. */
export interface RequestSample {
  latency_ms: number;
  /** The answering process, from the x-pid header (null when the request failed). */
  pid: number | null;
  /** The time the loop took inside the server (its own measure), or null. */
  server_ms: number | null;
  ok: boolean;
}

/** One round of simultaneous requests: every sample and first sent → last answered. */
export interface ChallengeRound {
  samples: RequestSample[];
  total_ms: number;
}

/** What the runner measured for one mode: its rounds and the lone requests between them. */
export interface ChallengeModeRecord {
  mode: 'single' | 'cluster';
  instances: number;
  rounds: ChallengeRound[];
  lone_ms: number[];
}

/** One point of the scaling curve as measured: 2xx answers on /cpu during a load of duration_ms. */
export interface CurveSample {
  instances: number;
  ok_2xx: number;
  duration_ms: number;
}

/** The challenge as measured, before any figure is computed (the runner's output). */
export interface ChallengeRecord {
  kind: 'challenge';
  loops: number;
  requests: number;
  rounds: number;
  /** Cluster instances asked for. */
  instances: number;
  cpus: number;
  /** The 1-minute load average when the challenge started. */
  load_average: number;
  started_at: number;
  modes: ChallengeModeRecord[];
  curve: CurveSample[];
  environment: {
    node: string;
    cpu_model: string;
    platform: string;
    manager?: ManagerName;
    pm2?: { version: string; path: string };
  };
}

/** One mode (single or cluster), summarised over its rounds. */
export interface ModeResult {
  mode: 'single' | 'cluster';
  instances: number;
  /** Median, per position, of each round's latencies sorted fastest first. */
  latencies_ms: number[];
  /** Median over rounds of first request sent → last answer received. */
  total_ms: number;
  /** Median of a lone request's latency (nothing else running): the cost of one loop here. */
  lone_ms: number;
  /** Every pid that answered, in order of first appearance. */
  pids: number[];
  /** Rounds in which two or more requests were answered by the same pid. */
  shared_rounds: number;
  rounds: RequestSample[][];
}

/** Instances against requests/s on /cpu: how throughput scales with instances on this machine. */
export interface CurvePoint {
  instances: number;
  rps: number;
}

/** challenge.json: the challenge's figures, what `--json` prints and every challenge report draws. */
export interface ChallengeResult {
  kind: 'challenge';
  schemaVersion: 1;
  loops: number;
  requests: number;
  rounds: number;
  cpus: number;
  results: ModeResult[];
  /** Single total_ms / cluster total_ms. */
  speedup: number;
  curve: CurvePoint[];
  verdict: string[];
  warnings: string[];
  environment: {
    node: string;
    cpu_model: string;
    platform: string;
    manager?: ManagerName;
    pm2?: { version: string; path: string };
  };
}
