// The scenario file format of DESIGN.md as a zod schema: user input in, the resolved pieces of
// `Scenario` out (defaults applied, durations in ms). Paths stay as written here; scenario.ts makes
// them absolute, and scenario-checks.ts checks what spans fields (faults inside the load, names).
import { z } from 'zod';
import type { AppConfig, ExecMode, ManagerName, ThresholdOp } from '../types.js';
import { dependencyEntry } from './scenario-dependencies.js';
import { faultSchema } from './scenario-faults.js';
import {
  duration,
  field,
  finiteNumber,
  instancesValue,
  oneOf,
  safeName,
  text,
  urlPath,
} from './scenario-fields.js';
import { loadSchema as load } from './scenario-load.js';
import { metricName } from './scenario-metric.js';
import { ecosystemKeys, envMap, list, mapping } from './scenario-shapes.js';

/** Ecosystem keys a scenario may set for the supervisor (the variant sets name, script, mode, count). */
export const SUPERVISOR_KEYS = [
  'args',
  'cwd',
  'interpreter',
  'node_args',
  'autorestart',
  'stop_exit_codes',
  'min_uptime',
  'max_restarts',
  'restart_delay',
  'exp_backoff_restart_delay',
  'exp_backoff_max_delay',
  'exp_backoff_reset_after',
  'max_memory_restart',
  'memory_check_interval',
  'kill_timeout',
  'listen_timeout',
  'wait_ready',
  'shutdown_with_message',
  'out_file',
  'error_file',
  'merge_logs',
  'log_date_format',
  'time',
  'instance_var',
  'watch',
  'ignore_watch',
  'reload_concurrency',
  'max_log_size',
  'retain',
  'heartbeat_timeout',
  'health_check',
  // PM2's other spellings of the same keys, which the ecosystem loader also reads.
  'combine_logs',
  'output',
  'error',
  'interpreter_args',
  'exec_interpreter',
] as const satisfies readonly (keyof AppConfig | PM2Alias)[];

type PM2Alias = 'combine_logs' | 'output' | 'error' | 'interpreter_args' | 'exec_interpreter';

/** The supervisors a variant may run under (`variants[].manager`, `challenge --manager`). */
export const MANAGER_NAMES: readonly ManagerName[] = ['resilab', 'pm2', 'node', 'node-cluster'];

/** The comparison operators a threshold may use, in the order messages list them. */
export const THRESHOLD_OPS: readonly ThresholdOp[] = ['<', '<=', '>', '>=', '==', '!='];

const optionalText = field((v) => (v === undefined ? null : text()(v)));

const app = mapping({
  script: optionalText,
  ecosystem: optionalText,
  supervisor: ecosystemKeys(SUPERVISOR_KEYS),
  env: envMap,
});

const variant = mapping({
  name: field(safeName()),
  manager: field(oneOf<ManagerName>(MANAGER_NAMES, 'resilab')),
  exec_mode: field(
    oneOf<ExecMode>(['fork', 'cluster'], 'fork', { aliases: { cluster_mode: 'cluster', fork_mode: 'fork' } }),
  ),
  instances: field(instancesValue(1)),
  supervisor: ecosystemKeys(SUPERVISOR_KEYS),
  script: optionalText,
  env: envMap,
});

/** `probe: false` is taken out before parsing (scenario.ts); `true` or nothing means the defaults. */
const probe = z.preprocess(
  (v) => (v === true || v === null || v === undefined ? {} : v),
  mapping({
    path: field(urlPath('/')),
    interval: field(duration(10)),
    timeout: field(duration(500)),
  }),
);

const threshold = mapping({
  variant: field(text('*')),
  metric: field(metricName),
  op: field(oneOf(THRESHOLD_OPS, undefined, { quoted: false })),
  value: field(finiteNumber()),
});

/** A whole scenario file. `name` is optional here: it defaults to the file's name. */
export const scenarioSchema = mapping({
  name: field((v) => (v === undefined ? null : safeName()(v))),
  description: field((v) => (v === undefined ? '' : text()(v))),
  app,
  variants: list(variant, [{ name: 'single', exec_mode: 'fork', instances: 1 }]),
  load,
  probe,
  faults: list(faultSchema, []),
  dependencies: list(dependencyEntry, []),
  expect: list(threshold, []),
  host: field(text('127.0.0.1')),
});

/** The parsed file before paths are resolved. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
