// What each command replies with and what the daemon sends: zod schemas, the reference the tests
// hold replies.ts (the CLI's zod-free check) to, and the types both sides use. Types only are
// imported by the supervisor hosts, which never load zod.
import { z } from 'zod';
import type { AppConfig, InstanceEnv, InstanceInfo, SupervisorEvent } from '../types.js';
import { appConfigSchema, type CommandName } from './commands.js';

/** One instance as `list` shows it: the supervisor's row plus cpu/memory sampled by the host. */
export type InstanceRow = InstanceInfo & { cpu: number | null; rss: number | null };

/** The log files of one instance. */
export interface LogFiles {
  app: string;
  instance: number;
  id: number;
  out: string;
  err: string;
}

/** What a host keeps about an app for `describe` and `save`. */
export interface AppDescription {
  config: AppConfig;
  instances: InstanceRow[];
  events: SupervisorEvent[];
  logs: LogFiles[];
}

export const instanceSchema = z.looseObject({
  app: z.string(),
  instance: z.number().int(),
  id: z.number().int(),
  pid: z.number().int().nullable(),
  state: z.string(),
  restarts: z.number(),
});
export const eventSchema = z.looseObject({ t: z.number(), type: z.string(), app: z.string() });

/** The result of each command. */
export const RESULT_SCHEMAS = {
  list: z.array(instanceSchema),
  start: z.array(instanceSchema),
  describe: z.array(
    z.object({
      config: appConfigSchema,
      instances: z.array(instanceSchema),
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
  reset: z.null(),
  env: z.array(
    z.object({
      app: z.string(),
      instance: z.number(),
      id: z.number(),
      env: z.record(z.string(), z.string()),
    }),
  ),
  ping: z.object({ pong: z.literal(true), pid: z.number() }),
  reloadLogs: z.array(z.string()),
  flush: z.array(z.string()),
  logfiles: z.array(
    z.object({ app: z.string(), instance: z.number(), id: z.number(), out: z.string(), err: z.string() }),
  ),
  dump: z.array(appConfigSchema),
  kill: z.object({ pids: z.array(z.number()) }),
  subscribe: z.null(),
} satisfies Record<CommandName, z.ZodType>;

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
  reset: null;
  env: InstanceEnv[];
  ping: { pong: true; pid: number };
  reloadLogs: string[];
  flush: string[];
  logfiles: LogFiles[];
  dump: AppConfig[];
  kill: { pids: number[] };
  subscribe: null;
}

const errorBody = z.object({ code: z.string(), message: z.string() });

/** What the daemon sends (ServerMessage in socket.ts), as zod checks it. */
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
