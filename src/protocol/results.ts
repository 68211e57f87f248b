// What each command replies with: zod schemas (the tests hold replies.ts, the CLI's zod-free
// check, to the same shapes) and the types both sides use.
import { z } from 'zod';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';
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
  flush: string[];
  logfiles: LogFiles[];
  dump: AppConfig[];
  kill: { pids: number[] };
  subscribe: null;
}
