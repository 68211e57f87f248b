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
  /** PM2's increment_var: this env variable is its base value (0 if unset) + the instance number. */
  increment_var: string | null;
  /** A validated cron expression (5 fields, or 6 with seconds); the supervisor restarts the app on it. */
  cron_restart: string | null;
  /** Absolute path of the combined out+err log (PM2's log_file), '/dev/null', or null for none. */
  log_file: string | null;
  /** Absolute path of the pid file (PM2's pid_file), or null for none. */
  pid_file: string | null;
  /** True when readiness comes from the app's port, not the agent (another interpreter, or a command like npm). */
  ready_on_port: boolean;
  watch: boolean | string[];
  ignore_watch: string[];
  reload_concurrency: number;
  /** Bytes, or null for no rotation. */
  max_log_size: number | null;
  retain: number;
  /** The event-loop watchdog: ms without an answer to the supervisor's heartbeat → hung; null = off. */
  heartbeat_timeout: number | null;
  /** The per-instance HTTP health check, or null for none. */
  health_check: HealthCheckConfig | null;
}

/** `health_check`: GET `path` on one instance every `interval`; `failures` in a row → unhealthy. */
export interface HealthCheckConfig {
  path: string;
  interval: number;
  timeout: number;
  failures: number;
  /** Start and reload wait for the first pass (when wait_ready is off). */
  gate_ready: boolean;
}

export type InstanceState =
  | 'launching'
  | 'online'
  | 'listening'
  | 'ready'
  | 'stopping'
  | 'stopped'
  | 'waiting-restart'
  | 'errored'
  /** No answer to the heartbeat for heartbeat_timeout: being killed and replaced. */
  | 'hung'
  /** `health_check` failed `failures` times in a row: being replaced. */
  | 'unhealthy';

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

/** The env the supervisor gives one instance's processes (`env <id>`), besides its own environment. */
export interface InstanceEnv {
  app: string;
  instance: number;
  id: number;
  env: Record<string, string>;
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
  /**
   * No heartbeat answer for timeout_ms (the last came since_ms ago). action: 'replace' = a new
   * process starts first (cluster), 'kill' = killed, then the restart policy decides (fork).
   */
  | (EventBase & { type: 'hung'; since_ms: number; timeout_ms: number; action: HealthAction })
  /** The health check failed `failures` times in a row; `error` is the last failure. */
  | (EventBase & {
      type: 'unhealthy';
      path: string;
      failures: number;
      error: string;
      action: HealthAction;
    })
  | (EventBase & { type: 'errored'; reason: string; restarts: number })
  | (EventBase & { type: 'stopping'; reason: string })
  | (EventBase & { type: 'stopped'; forced: boolean; duration_ms: number })
  | (EventBase & { type: 'reload-begin'; instances: number })
  | (EventBase & { type: 'reload-end'; duration_ms: number; ok: boolean; error?: string })
  | (EventBase & { type: 'scale'; from: number; to: number })
  | (EventBase & { type: 'listen-timeout'; timeout_ms: number })
  /** A watched file changed (`watch`): the app is restarted (fork) or reloaded (cluster) once per burst. */
  | (EventBase & { type: 'watch-restart'; path: string; changes: number; action: 'restart' | 'reload' })
  /** `cron_restart` fired: the app's live instances are restarted one after another. */
  | (EventBase & { type: 'cron-restart'; pattern: string })
  | (EventBase & { type: 'event-loop'; p50_ms: number; max_ms: number });

export type SupervisorEventType = SupervisorEvent['type'];

/** What the supervisor does with a hung or unhealthy process (see the `hung` event). */
export type HealthAction = 'replace' | 'kill';

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

/** closed: N connections, each sends when the last answer came (autocannon); open: arrivals on the clock. */
export type LoadModel = 'closed' | 'open';

/** One open-model stage: the arrival rate ramps linearly to `target` req/s over `duration_ms` (k6's ramping-arrival-rate). */
export interface LoadStage {
  duration_ms: number;
  target: number;
}

export interface LoadSpec {
  /** Absent in results written before the open model existed: closed. */
  model?: LoadModel;
  path: string;
  method: string;
  /** Closed model: the number of connections. */
  connections: number;
  duration_ms: number;
  warmup_ms: number;
  pipelining: number;
  /** Closed: requests/s over all connections, or null for as fast as possible. Open: the arrival rate at the start. */
  rate: number | null;
  timeout_ms: number;
  /** Open model: ramps after the start (`rate`); [] = a constant rate. After the last stage its target holds. */
  stages?: LoadStage[];
  /** Open model: most requests in flight (one per connection); an arrival due when all are busy is dropped. */
  max_connections?: number;
}

export interface ProbeSpec {
  path: string;
  interval_ms: number;
  timeout_ms: number;
}

export type InstanceTarget = number | 'random' | 'all';

/** Which direction a stream toxic acts on: upstream = client → server, downstream = server → client. */
export type ToxicStream = 'upstream' | 'downstream';

/**
 * A toxic of resilab's TCP proxy, with Toxiproxy's meanings and attribute names (ms, KB/s).
 * `down` is Toxiproxy's disabled proxy: the port refuses connections.
 */
export type NetworkToxic =
  | { toxic: 'latency'; latency: number; jitter: number; stream: ToxicStream }
  | { toxic: 'bandwidth'; rate: number; stream: ToxicStream }
  | { toxic: 'slow_close'; delay: number; stream: ToxicStream }
  | { toxic: 'timeout'; timeout: number }
  | { toxic: 'reset_peer'; timeout: number }
  | { toxic: 'down' };

export type DependencyAction = 'restart' | 'stop' | 'start';

export type FaultSpec =
  | { kind: 'crash'; at_ms: number; via: 'http'; path: string; instance: InstanceTarget }
  | { kind: 'crash'; at_ms: number; via: 'signal'; signal: string; instance: InstanceTarget }
  | { kind: 'kill'; at_ms: number; signal: string; instance: InstanceTarget }
  | { kind: 'freeze'; at_ms: number; duration_ms: number; instance: InstanceTarget }
  /** GET the hang route (a busy loop that never ends) once: whichever instance takes it hangs. */
  | { kind: 'hang'; at_ms: number; path: string }
  | { kind: 'leak'; at_ms: number; path: string; mb: number; rate_per_s: number; duration_ms: number }
  | { kind: 'cpu'; at_ms: number; path: string; concurrent: number; loops: number }
  | { kind: 'reload'; at_ms: number }
  | { kind: 'restart'; at_ms: number }
  | { kind: 'scale'; at_ms: number; instances: number }
  | { kind: 'boot-crash'; at_ms: number; env: Record<string, string> }
  /** A dependency's real server is stopped (and started again after down_for_ms for `restart`). */
  | { kind: 'dependency'; at_ms: number; name: string; action: DependencyAction; down_for_ms: number }
  /** A toxic on the proxy in front of a dependency (its name) or of the app ('app'), for duration_ms. */
  | { kind: 'network'; at_ms: number; target: string; duration_ms: number; toxic: NetworkToxic };

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

/**
 * A real server the lab starts before the variants and stops after (PostgreSQL, Redis, …). The app
 * reaches it through resilab's TCP proxy. Argument lists hold `{port}` and `{data_dir}`; env values
 * hold `{host}` and `{port}` (the proxy's).
 */
export interface DependencySpec {
  name: string;
  /** Run once on a fresh data dir before the first start (initdb), or null. */
  init: string[] | null;
  command: string[];
  /** Ready when this text appears in the server's output, or (null) when its port accepts connections. */
  ready: { log: string | null; timeout_ms: number };
  env: Record<string, string>;
  /** The signal that stops it (PostgreSQL: SIGINT, a fast shutdown). */
  stop_signal: string;
  /** How to install the executables (named in the message when one is missing). */
  install: { debian: string | null; brew: string | null };
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
  /** Real servers the app depends on; [] for none. */
  dependencies: DependencySpec[];
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
  /**
   * Latency of the responses completed in this window (ms). Closed model: from the send (autocannon).
   * Open model: from the arrival's scheduled time, so the wait for a free connection counts.
   */
  latency: BucketLatency | null;
  /** Open model: latency from the send (the server's share), same shape. Absent in the closed model. */
  service_latency?: BucketLatency | null;
  /** Open model: arrivals scheduled in this window (the offered load). */
  offered?: number;
  /** Open model: arrivals due while every connection was busy: not sent, counted here. */
  dropped?: number;
}

/** Latency percentiles of one window; `hdr` is its HdrHistogram (compressed base64, values in µs). */
export interface BucketLatency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  /** p99.9; absent in results written before the HDR histograms. */
  p999?: number;
  max: number;
  hdr?: string;
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
    /** The generator thread's CPU, % of one core (the runner process's where /proc/thread-self is missing). */
    cpu_pct_mean: number | null;
    cpu_saturated: boolean;
    /** Open model: arrivals dropped, and how late requests left against the schedule (p99, ms). */
    dropped?: number;
    lateness_p99_ms?: number;
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
    | 'no_pid'
    | 'event_loop_blocked'
    | 'closed_model'
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

/**
 * What a run reports while it happens, for a live view (`resilab run --live`): the same data the
 * recorder keeps, sent as it arrives. A sink must be cheap and must not throw.
 */
export type LiveEvent =
  | { type: 'variant'; scenario: string; variant: Variant; port: number; bucket_ms: number; t: EpochMs }
  | { type: 'phase'; phase: string; total_ms: number | null; t: EpochMs }
  | { type: 'load-start'; t: EpochMs }
  | { type: 'bucket'; bucket: LoadBucket }
  | { type: 'probe'; sample: ProbeSample }
  | { type: 'resources'; samples: ResourceSample[] }
  | { type: 'event'; event: SupervisorEvent }
  | { type: 'fault'; spec: FaultSpec; t: EpochMs }
  | { type: 'end'; partial: boolean; t: EpochMs };

/** Where a run sends its LiveEvents. */
export type LiveSink = (event: LiveEvent) => void;
