// The IPC transport (process.send between the runner and its supervisor process, `host/ipc-main.js`
// or `resilab runtime --ipc`): the same commands as the socket, in request/reply/event envelopes,
// plus `started` once startup is over. Requests are validated here, by hand (no zod in a
// supervisor), so a malformed one gets an error reply and never reaches the supervisor.
import { LabError } from '../errors.js';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';
import { appConfig, array, fail, int, isObject, literal } from './checks.js';
import { checkCommand } from './command-checks.js';
import type { Command } from './commands.js';

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

/** Parent → `host/ipc-main.js`, once, in answer to `waiting`: the apps, resolved and validated by the parent. */
export interface IpcBoot {
  kind: 'boot';
  apps: AppConfig[];
}

/** The supervisor process → parent. */
export type IpcMessage =
  /** `host/ipc-main.js` is loaded and listening: the parent sends `boot` now (earlier ones could be lost). */
  | { kind: 'waiting' }
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError }
  | { kind: 'event'; event: SupervisorEvent }
  /** Sent once, when every instance of every app reached listening/ready (or failed to). */
  | { kind: 'started'; ok: boolean; instances: InstanceInfo[]; error?: WireError };

/** The id of a message that looks like a request, so even a malformed one gets its reply; else -1. */
export function requestId(message: unknown): number {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

/** Checks a parent's message; RESILAB_E_IPC_MESSAGE naming the first wrong field and its value. */
export function parseIpcRequest(message: unknown): IpcRequest {
  const problem = !isObject(message)
    ? fail('message', 'object', message)
    : (literal('request')(message.kind, 'message.kind') ?? int(message.id, 'message.id'));
  if (problem) throw new LabError('RESILAB_E_IPC_MESSAGE', problem);
  const checked = checkCommand((message as { command?: unknown }).command, 'message.command');
  if (!checked.ok) throw new LabError('RESILAB_E_IPC_MESSAGE', checked.error);
  return { kind: 'request', id: (message as { id: number }).id, command: checked.command };
}

/** A thrown error as a reply's error: its code when it is a LabError. */
export function toWireError(error: unknown): WireError {
  if (error instanceof LabError) return { code: error.code, message: error.message };
  return { code: 'RESILAB_E_SUPERVISOR', message: (error as Error)?.message ?? String(error) };
}

/** Checks the parent's boot message; RESILAB_E_IPC_MESSAGE naming the first wrong field and its value. */
export function parseIpcBoot(message: unknown): IpcBoot {
  const problem = !isObject(message)
    ? fail('message', 'object', message)
    : (literal('boot')(message.kind, 'message.kind') ?? array(appConfig, 1)(message.apps, 'message.apps'));
  if (problem) throw new LabError('RESILAB_E_IPC_MESSAGE', problem);
  return { kind: 'boot', apps: (message as { apps: AppConfig[] }).apps };
}
