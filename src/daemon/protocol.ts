// The daemon's socket protocol: JSON lines, typed and versioned. Every message in either direction
// is validated here, so a malformed line becomes an error reply (RESILAB_E_IPC_MESSAGE), never a crash.
import { z } from 'zod';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';
import { describeIssue } from './issues.js';

export { encode, MAX_LINE_BYTES, PROTOCOL_VERSION } from './wire.js';

const target = z.string().min(1);
/** A resolved app config (from appsFromTarget on the CLI side): the essentials are checked, the rest passes. */
export const appConfigSchema = z.looseObject({
  name: z.string().min(1),
  script: z.string().min(1),
  cwd: z.string().min(1),
  instances: z.number().int().min(1),
  exec_mode: z.enum(['fork', 'cluster']),
  env: z.record(z.string(), z.string()),
});

const command = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('list') }),
  z.object({ cmd: z.literal('start'), apps: z.array(appConfigSchema).min(1) }),
  z.object({ cmd: z.literal('describe'), target }),
  z.object({ cmd: z.literal('stop'), target }),
  z.object({ cmd: z.literal('restart'), target }),
  z.object({ cmd: z.literal('reload'), target }),
  z.object({ cmd: z.literal('delete'), target }),
  z.object({ cmd: z.literal('scale'), app: target, instances: z.number().int().min(0) }),
  z.object({ cmd: z.literal('signal'), app: target, instance: z.number().int().min(0), signal: z.string() }),
  z.object({ cmd: z.literal('flush'), target: target.nullable() }),
  z.object({ cmd: z.literal('logfiles'), target: target.nullable() }),
  z.object({ cmd: z.literal('dump') }),
  z.object({ cmd: z.literal('kill') }),
  z.object({
    cmd: z.literal('subscribe'),
    logs: z.boolean(),
    events: z.boolean(),
    target: target.nullable(),
  }),
]);

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocol: z.number().int(), version: z.string() }),
  z.object({ type: z.literal('request'), id: z.number().int().min(0), command }),
]);

const errorBody = z.object({ code: z.string(), message: z.string() });
const instanceInfo = z.looseObject({
  app: z.string(),
  instance: z.number().int(),
  id: z.number().int(),
  pid: z.number().int().nullable(),
  state: z.string(),
  restarts: z.number(),
});
const eventSchema = z.looseObject({ t: z.number(), type: z.string(), app: z.string() });

/** What the daemon sends; the CLI checks the same shapes with replies.ts (tested to agree). */
export const serverMessageSchema = z.union([
  z.object({ type: z.literal('welcome'), protocol: z.number().int(), version: z.string(), pid: z.number() }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nullable(),
    ok: z.literal(true),
    result: z.unknown(),
  }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nullable(),
    ok: z.literal(false),
    error: errorBody,
  }),
  z.object({
    type: z.literal('log'),
    app: z.string(),
    instance: z.number().int(),
    id: z.number().int().nullable(),
    stream: z.enum(['out', 'err']),
    line: z.string(),
  }),
  z.object({ type: z.literal('event'), event: eventSchema }),
]);

/** One instance as `list` shows it: the supervisor's row plus cpu/memory sampled by the daemon. */
export type InstanceRow = InstanceInfo & { cpu: number | null; rss: number | null };

/** What the daemon keeps about an app for `describe` and `save`. */
export interface AppDescription {
  config: AppConfig;
  instances: InstanceRow[];
  events: SupervisorEvent[];
  logs: LogFiles[];
}

/** The log files of one instance. */
export interface LogFiles {
  app: string;
  instance: number;
  id: number;
  out: string;
  err: string;
}

/** A command to the daemon; `start` carries whole resolved configs (checked in their essentials). */
export type DaemonCommand =
  | Exclude<z.infer<typeof command>, { cmd: 'start' }>
  | { cmd: 'start'; apps: AppConfig[] };
export type ClientMessage =
  | { type: 'hello'; protocol: number; version: string }
  | { type: 'request'; id: number; command: DaemonCommand };
export type ServerMessage =
  | { type: 'welcome'; protocol: number; version: string; pid: number }
  | { type: 'reply'; id: number | null; ok: true; result: unknown }
  | { type: 'reply'; id: number | null; ok: false; error: { code: string; message: string } }
  | { type: 'log'; app: string; instance: number; id: number | null; stream: 'out' | 'err'; line: string }
  | { type: 'event'; event: SupervisorEvent };

/** The result each command replies with (the CLI checks the same shapes with replies.ts). */
export const RESULT_SCHEMAS = {
  list: z.array(instanceInfo),
  start: z.array(instanceInfo),
  describe: z.array(
    z.object({
      config: appConfigSchema,
      instances: z.array(instanceInfo),
      events: z.array(eventSchema),
      logs: z.array(z.unknown()),
    }),
  ),
  stop: z.null(),
  restart: z.null(),
  reload: z.null(),
  delete: z.null(),
  scale: z.null(),
  signal: z.null(),
  flush: z.array(z.string()),
  logfiles: z.array(
    z.object({ app: z.string(), instance: z.number(), id: z.number(), out: z.string(), err: z.string() }),
  ),
  dump: z.array(appConfigSchema),
  kill: z.object({ pids: z.array(z.number()) }),
  subscribe: z.null(),
} satisfies Record<DaemonCommand['cmd'], z.ZodType>;

/** Result types by command name. */
export interface ResultOf {
  list: InstanceRow[];
  start: InstanceRow[];
  describe: AppDescription[];
  stop: null;
  restart: null;
  reload: null;
  delete: null;
  scale: null;
  signal: null;
  flush: string[];
  logfiles: LogFiles[];
  dump: AppConfig[];
  kill: { pids: number[] };
  subscribe: null;
}

/** Parsing outcome: the message, or a message naming the field and the value that was wrong. */
export type Parsed<T> =
  | { ok: true; value: T; id: number | null }
  | { ok: false; error: string; id: number | null };

function parseWith<T>(schema: z.ZodType<T>, line: string, what: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return {
      ok: false,
      id: null,
      error: `${what}: expected a JSON object, got ${JSON.stringify(line.slice(0, 80))}`,
    };
  }
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id
      : null;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data, id };
  return { ok: false, id, error: describeIssue(what, result.error.issues[0], raw) };
}

/** Validates one line a client sent (hello or request). */
export function parseClientMessage(line: string): Parsed<ClientMessage> {
  return parseWith(clientMessage as unknown as z.ZodType<ClientMessage>, line, 'message');
}
