// The one command vocabulary of a hosted supervisor, whichever transport carries it (the runner's
// IPC channel or the CLI's unix socket), as a zod schema: the reference that command-checks.ts (the
// hand-written check the servers run, so that no supervisor loads zod) is tested against, and the
// source of the Command type. A malformed command becomes an error reply naming the field and value.
import { z } from 'zod';
import type { AppConfig } from '../types.js';

/** An app name, a global id as a string, or 'all' (PM2's rules). */
const target = z.string().min(1);
/** restart/reload: replaces env entries for the new processes (PM2's --update-env). */
const env = z.record(z.string(), z.string()).optional();

/** A resolved app config (from appsFromTarget on the CLI side): the essentials are checked, the rest passes. */
export const appConfigSchema = z.looseObject({
  name: z.string().min(1),
  script: z.string().min(1),
  cwd: z.string().min(1),
  instances: z.number().int().min(1),
  exec_mode: z.enum(['fork', 'cluster']),
  env: z.record(z.string(), z.string()),
});

/** Every command, as zod checks it. */
export const commandSchema = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('list') }),
  z.object({ cmd: z.literal('start'), apps: z.array(appConfigSchema).min(1) }),
  z.object({ cmd: z.literal('describe'), target }),
  z.object({ cmd: z.literal('stop'), target }),
  z.object({ cmd: z.literal('restart'), target, env }),
  z.object({ cmd: z.literal('reload'), target, env }),
  z.object({ cmd: z.literal('delete'), target }),
  z.object({ cmd: z.literal('scale'), target, instances: z.number().int().min(0) }),
  z.object({
    cmd: z.literal('signal'),
    target,
    instance: z.number().int().min(0),
    signal: z.string().min(1),
  }),
  z.object({ cmd: z.literal('reset'), target }),
  z.object({ cmd: z.literal('env'), target }),
  z.object({ cmd: z.literal('ping') }),
  z.object({ cmd: z.literal('reloadLogs') }),
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

/** A command to a hosted supervisor; `start` carries whole resolved configs (checked in their essentials). */
export type Command =
  | Exclude<z.infer<typeof commandSchema>, { cmd: 'start' }>
  | { cmd: 'start'; apps: AppConfig[] };

/** The name of a command. */
export type CommandName = Command['cmd'];
