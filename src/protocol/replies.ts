// The CLI's validation of what the daemon sends: hand-written checks with the same shapes as the
// zod schemas in results.ts and socket.ts (a unit test runs both over the same good and bad messages), because
// loading zod would triple the time `list` takes. Messages name the field and the value.
import { quote } from '../errors.js';
import type { CommandName } from './commands.js';
import type { Parsed, ServerMessage } from './socket.js';

type Check = (value: unknown, path: string) => string | null;

const fail = (path: string, expected: string, value: unknown): string =>
  `${path}: expected ${expected}, got ${value === undefined ? 'nothing' : quote(value).slice(0, 80)}`;
const str: Check = (v, p) => (typeof v === 'string' ? null : fail(p, 'string', v));
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : fail(p, 'number', v));
const int: Check = (v, p) => (Number.isInteger(v) ? null : fail(p, 'int', v));
const bool: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, 'boolean', v));
const any: Check = () => null;
const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? null : check(v, p);
const literal =
  (expected: unknown): Check =>
  (v, p) =>
    v === expected ? null : fail(p, quote(expected), v);
const oneOf =
  (...values: string[]): Check =>
  (v, p) =>
    typeof v === 'string' && values.includes(v) ? null : fail(p, `one of ${values.map(quote).join('|')}`, v);
const array =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'array', v);
    for (const [i, element] of v.entries()) {
      const problem = item(element, `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
const record: Check = (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'record', v);
  for (const [key, value] of Object.entries(v))
    if (typeof value !== 'string') return fail(`${p}.${key}`, 'string', value);
  return null;
};
/** An object with at least these keys (extra keys pass, as z.looseObject; z.object strips them). */
const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'object', v);
    for (const [key, check] of Object.entries(shape)) {
      const problem = check((v as Record<string, unknown>)[key], `${p}.${key}`);
      if (problem) return problem;
    }
    return null;
  };

const instance = object({ app: str, instance: int, id: int, pid: nullable(int), state: str, restarts: num });
const app = object({
  name: str,
  script: str,
  cwd: str,
  instances: int,
  exec_mode: oneOf('fork', 'cluster'),
  env: record,
});
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
