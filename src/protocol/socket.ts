// The unix-socket transport (the daemon, or a foreground runtime, and the CLI): JSON lines, a
// hello/welcome version handshake, then requests answered by id and a subscription's logs and
// events. A malformed line becomes an error reply (RESILAB_E_IPC_MESSAGE), never a crash.

import type { SupervisorEvent } from '../types.js';
import { fail, int, intFrom, isObject, str } from './checks.js';
import { checkCommand } from './command-checks.js';
import type { Command } from './commands.js';

export { encode, MAX_LINE_BYTES, PROTOCOL_VERSION } from './wire.js';

/** What a starting daemon says once on its spawn channel, before the CLI lets go of it. */
export type DaemonHello = { type: 'ready'; pid: number } | { type: 'exists' };

export type ClientMessage =
  | { type: 'hello'; protocol: number; version: string }
  | { type: 'request'; id: number; command: Command };
export type ServerMessage =
  | { type: 'welcome'; protocol: number; version: string; pid: number }
  | { type: 'reply'; id: number | null; ok: true; result: unknown }
  | { type: 'reply'; id: number | null; ok: false; error: { code: string; message: string } }
  | { type: 'log'; app: string; instance: number; id: number | null; stream: 'out' | 'err'; line: string }
  | { type: 'event'; event: SupervisorEvent };

/** Parsing outcome: the message, or a message naming the field and the value that was wrong. */
export type Parsed<T> =
  | { ok: true; value: T; id: number | null }
  | { ok: false; error: string; id: number | null };

/** Validates one line a client sent (hello or request), by hand: the daemon does not load zod. */
export function parseClientMessage(line: string): Parsed<ClientMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return {
      ok: false,
      id: null,
      error: `message: expected a JSON object, got ${JSON.stringify(line.slice(0, 80))}`,
    };
  }
  if (!isObject(raw)) return { ok: false, id: null, error: fail('message', 'object', raw) };
  const id = typeof raw.id === 'number' ? raw.id : null;
  const refuse = (error: string): Parsed<ClientMessage> => ({ ok: false, id, error });
  if (raw.type === 'hello') {
    const problem = int(raw.protocol, 'message.protocol') ?? str(raw.version, 'message.version');
    if (problem) return refuse(problem);
    return {
      ok: true,
      id,
      value: { type: 'hello', protocol: raw.protocol as number, version: raw.version as string },
    };
  }
  if (raw.type !== 'request') return refuse(fail('message.type', '"hello"|"request"', raw.type));
  const badId = intFrom(0)(raw.id, 'message.id');
  if (badId) return refuse(badId);
  const checked = checkCommand(raw.command, 'message.command');
  if (!checked.ok) return refuse(checked.error);
  return { ok: true, id, value: { type: 'request', id: raw.id as number, command: checked.command } };
}
