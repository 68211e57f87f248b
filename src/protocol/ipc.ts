// The IPC transport (process.send between the runner and `resilab runtime --ipc`): the same
// commands as the socket, in request/reply/event envelopes, plus `started` once startup is over.
// Requests are validated here, so a malformed one gets an error reply and never reaches the supervisor.
import { z } from 'zod';
import { describeIssue, LabError } from '../errors.js';
import type { InstanceInfo, SupervisorEvent } from '../types.js';
import { type Command, commandSchema } from './commands.js';

/** A reply's error: a LabError's code and message, carried across the process boundary. */
export interface WireError {
  code: string;
  message: string;
}

/** Parent → `resilab runtime --ipc`. */
export interface IpcRequest {
  kind: 'request';
  id: number;
  command: Command;
}

/** `resilab runtime --ipc` → parent. */
export type IpcMessage =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError }
  | { kind: 'event'; event: SupervisorEvent }
  /** Sent once, when every instance of every app reached listening/ready (or failed to). */
  | { kind: 'started'; ok: boolean; instances: InstanceInfo[]; error?: WireError };

const request = z.object({ kind: z.literal('request'), id: z.number().int(), command: commandSchema });

/** The id of a message that looks like a request, so even a malformed one gets its reply; else -1. */
export function requestId(message: unknown): number {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

/** Checks a parent's message; RESILAB_E_IPC_MESSAGE naming the first wrong field and its value. */
export function parseIpcRequest(message: unknown): IpcRequest {
  const parsed = request.safeParse(message);
  if (parsed.success) return parsed.data as IpcRequest;
  throw new LabError('RESILAB_E_IPC_MESSAGE', describeIssue('message', parsed.error.issues[0], message));
}

/** A thrown error as a reply's error: its code when it is a LabError. */
export function toWireError(error: unknown): WireError {
  if (error instanceof LabError) return { code: error.code, message: error.message };
  return { code: 'RESILAB_E_SUPERVISOR', message: (error as Error)?.message ?? String(error) };
}
