// The command vocabulary checked by hand, for the two servers (the daemon's socket and the runner's
// IPC channel): a supervisor must not load zod (its RSS is a measured figure, see checks.ts).
// commands.ts keeps the same vocabulary as a zod schema, which a unit test holds this file to.
import {
  appConfig,
  array,
  bool,
  type Check,
  fail,
  intFrom,
  isObject,
  nonEmpty,
  nullable,
  optional,
  record,
} from './checks.js';
import type { Command, CommandName } from './commands.js';

const target = nonEmpty;

/** Each command's fields besides `cmd`, as commandSchema has them. */
const SHAPES: Record<CommandName, Record<string, Check>> = {
  list: {},
  start: { apps: array(appConfig, 1) },
  describe: { target },
  stop: { target },
  restart: { target, env: optional(record) },
  reload: { target, env: optional(record) },
  delete: { target },
  scale: { target, instances: intFrom(0) },
  signal: { target, instance: intFrom(0), signal: nonEmpty },
  reset: { target },
  env: { target },
  ping: {},
  reloadLogs: {},
  flush: { target: nullable(target) },
  logfiles: { target: nullable(target) },
  dump: {},
  kill: {},
  subscribe: { logs: bool, events: bool, target: nullable(target) },
};
const NAMES = Object.keys(SHAPES);

/** A command → the command with its known fields only (unknown ones dropped, as zod's z.object), or the problem. */
export function checkCommand(
  value: unknown,
  path: string,
): { ok: true; command: Command } | { ok: false; error: string } {
  if (!isObject(value)) return { ok: false, error: fail(path, 'object', value) };
  const cmd = value.cmd;
  const shape = typeof cmd === 'string' && Object.hasOwn(SHAPES, cmd) ? SHAPES[cmd as CommandName] : null;
  if (!shape) return { ok: false, error: fail(`${path}.cmd`, `one of ${NAMES.join('|')}`, cmd) };
  const command: Record<string, unknown> = { cmd };
  for (const [key, check] of Object.entries(shape)) {
    const problem = check(value[key], `${path}.${key}`);
    if (problem) return { ok: false, error: problem };
    if (value[key] !== undefined) command[key] = value[key];
  }
  return { ok: true, command: command as Command };
}
