// The unix-socket transport (the daemon, or a foreground runtime, and the CLI): JSON lines, a
// hello/welcome version handshake, then requests answered by id and a subscription's logs and
// events. A malformed line becomes an error reply (RESILAB_E_IPC_MESSAGE), never a crash.
import { z } from 'zod';
import { describeIssue } from '../errors.js';
import type { SupervisorEvent } from '../types.js';
import { type Command, commandSchema } from './commands.js';
import { eventSchema } from './results.js';

export { encode, MAX_LINE_BYTES, PROTOCOL_VERSION } from './wire.js';

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocol: z.number().int(), version: z.string() }),
  z.object({ type: z.literal('request'), id: z.number().int().min(0), command: commandSchema }),
]);

const errorBody = z.object({ code: z.string(), message: z.string() });

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
