// The ecosystem keys resilab reads, each with its reader and PM2's default (plus resilab's own
// keys), validated with one zod schema so every problem of an app is reported at once.
import { z } from 'zod';
import { describeIssue, quote } from '../errors.js';
import * as r from './readers.js';

/** Key → reader. The order is the order problems are listed in. */
export const APP_KEYS = {
  name: r.text,
  script: r.text,
  args: r.argList,
  cwd: r.text,
  interpreter: r.text,
  node_args: r.argList,
  instances: r.instances,
  exec_mode: r.execMode,
  autorestart: r.boolean,
  stop_exit_codes: r.exitCodes,
  min_uptime: r.duration,
  max_restarts: r.count,
  restart_delay: r.duration,
  exp_backoff_restart_delay: r.duration,
  exp_backoff_max_delay: r.duration,
  exp_backoff_reset_after: r.duration,
  max_memory_restart: r.size,
  memory_check_interval: r.duration,
  kill_timeout: r.duration,
  listen_timeout: r.duration,
  wait_ready: r.boolean,
  shutdown_with_message: r.boolean,
  out_file: r.optionalText,
  error_file: r.optionalText,
  merge_logs: r.boolean,
  log_date_format: r.optionalText,
  time: r.boolean,
  instance_var: r.text,
  watch: r.watch,
  ignore_watch: r.stringList,
  reload_concurrency: r.positive,
  max_log_size: r.optionalSize,
  retain: r.count,
} as const;

/** PM2's other spellings of the same keys. */
export const ALIASES: Record<string, keyof typeof APP_KEYS> = {
  combine_logs: 'merge_logs',
  output: 'out_file',
  error: 'error_file',
  interpreter_args: 'node_args',
  exec_interpreter: 'interpreter',
};

/** PM2's defaults (DESIGN.md) and resilab's for its own keys; name/script/cwd/interpreter/instances/exec_mode are derived. */
export const DEFAULTS = {
  args: [] as string[],
  node_args: [] as string[],
  autorestart: true,
  stop_exit_codes: [] as number[],
  min_uptime: 1000,
  max_restarts: 16,
  restart_delay: 0,
  exp_backoff_restart_delay: 0,
  exp_backoff_max_delay: 15_000,
  exp_backoff_reset_after: 30_000,
  max_memory_restart: null as number | null,
  memory_check_interval: 1000,
  kill_timeout: 1600,
  listen_timeout: 3000,
  wait_ready: false,
  shutdown_with_message: false,
  out_file: null as string | null,
  error_file: null as string | null,
  merge_logs: false,
  log_date_format: null as string | null,
  time: false,
  instance_var: 'NODE_APP_INSTANCE',
  watch: false as boolean | string[],
  ignore_watch: [] as string[],
  reload_concurrency: 1,
  max_log_size: null as number | null,
  retain: 5,
};

type Keys = typeof APP_KEYS;
/** An app entry after each present key was read (absent keys stay absent). */
export type ParsedApp = { [K in keyof Keys]?: Keys[K] extends r.Reader<infer T> ? T : never } & {
  env?: Record<string, string>;
};

/** A zod field that reads one key with its reader, or reports `expected …, got …`. */
function field<T>(reader: r.Reader<T>) {
  return z
    .unknown()
    .transform((value, ctx) => {
      if (value === null && reader.nullable) return null as T;
      const read = reader.read(value);
      if (read !== null) return read;
      ctx.addIssue({ code: 'custom', message: `expected ${reader.expected}, got ${quote(value)}` });
      return z.NEVER;
    })
    .optional();
}

const shape = Object.fromEntries(
  Object.entries(APP_KEYS).map(([key, reader]) => [key, field(reader as r.Reader<unknown>)]),
);

/** The schema of one app entry; unknown keys are dropped here and warned about by the caller. */
export const appSchema = z.object({ ...shape, env: field(r.envValues) });

/** Turns zod issues into `where.key: expected …, got …` lines (the one describeIssue). */
export function issueLines(where: string, issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  return issues.map((issue) => describeIssue(where, issue, root));
}
