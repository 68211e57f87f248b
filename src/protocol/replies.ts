// The CLI's validation of what the daemon sends: hand-written checks (checks.ts) with the same shapes
// as the zod schemas in results.ts (a unit test runs both over the same good and bad messages), because
// loading zod would triple the time `list` takes. Messages name the field and the value.
import {
  any,
  appConfig as app,
  array,
  bool,
  type Check,
  fail,
  int,
  literal,
  nullable,
  num,
  object,
  oneOf,
  record,
  str,
} from './checks.js';
import type { CommandName } from './commands.js';
import type { Parsed, ServerMessage } from './socket.js';

const instance = object({ app: str, instance: int, id: int, pid: nullable(int), state: str, restarts: num });
const event = object({ t: num, type: str, app: str });
const NULL = literal(null);

/** The result of each command, as RESULT_SCHEMAS in results.ts. */
export const RESULT_CHECKS: Record<CommandName, Check> = {
  list: array(instance),
  start: array(instance),
  describe: array(
    object({ config: app, instances: array(instance), events: array(event), logs: array(any) }),
  ),
  stop: NULL,
  restart: NULL,
  reload: NULL,
  delete: NULL,
  scale: NULL,
  signal: NULL,
  reset: NULL,
  env: array(object({ app: str, instance: num, id: num, env: record })),
  ping: object({ pong: literal(true), pid: num }),
  reloadLogs: array(str),
  flush: array(str),
  logfiles: array(object({ app: str, instance: num, id: num, out: str, err: str })),
  dump: array(app),
  kill: object({ pids: array(num) }),
  subscribe: NULL,
};

const MESSAGES: Record<string, Check> = {
  welcome: object({ protocol: int, version: str, pid: num }),
  reply: (v, p) => {
    const reply = v as Record<string, unknown>;
    const base = object({ id: nullable(int), ok: bool })(v, p);
    if (base) return base;
    return reply.ok
      ? 'result' in reply
        ? null
        : fail(`${p}.result`, 'a result', undefined)
      : object({ error: object({ code: str, message: str }) })(v, p);
  },
  log: object({ app: str, instance: int, id: nullable(int), stream: oneOf('out', 'err'), line: str }),
  event: object({ event }),
};

/** Validates one line the daemon sent. */
export function parseServerMessage(line: string): Parsed<ServerMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return {
      ok: false,
      id: null,
      error: `daemon message: expected a JSON object, got ${JSON.stringify(line.slice(0, 80))}`,
    };
  }
  const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : null;
  const type = (raw as { type?: unknown } | null)?.type;
  const check = typeof type === 'string' ? MESSAGES[type] : undefined;
  const problem = check
    ? check(raw, 'daemon message')
    : fail('daemon message.type', 'one of "welcome"|"reply"|"log"|"event"', type);
  return problem ? { ok: false, id, error: problem } : { ok: true, id, value: raw as ServerMessage };
}

/** Validates a reply's result against its command's shape; returns an error message or null. */
export function checkResult(cmd: CommandName, result: unknown): string | null {
  return RESULT_CHECKS[cmd](result, `${cmd} result`);
}
