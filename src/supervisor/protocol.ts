// The IPC boundary between a parent (the runner's SupervisorClient) and `resilab runtime --ipc`:
// requests are validated here, so a malformed one gets an error reply and never reaches the engine.
import { z } from 'zod';
import { LabError } from '../errors.js';
import type { IpcRequest } from '../types.js';

const env = z.record(z.string(), z.string()).optional();
const app = z.string().min(1);

const command = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('list') }),
  z.object({ cmd: z.literal('restart'), app, env }),
  z.object({ cmd: z.literal('reload'), app, env }),
  z.object({ cmd: z.literal('stop'), app }),
  z.object({ cmd: z.literal('scale'), app, instances: z.number().int().min(0) }),
  z.object({ cmd: z.literal('signal'), app, instance: z.number().int().min(0), signal: z.string().min(1) }),
]);

const request = z.object({ kind: z.literal('request'), id: z.number().int(), command });

/** The id of a message that looks like a request, so even a malformed one gets its reply; else -1. */
export function requestId(message: unknown): number {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

/** Checks a parent's message; RESILAB_E_IPC_MESSAGE naming the first wrong field and its value. */
export function parseRequest(message: unknown): IpcRequest {
  const parsed = request.safeParse(message);
  if (parsed.success) return parsed.data as IpcRequest;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || '(message)';
  let value: unknown = message;
  for (const key of issue?.path ?? [])
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  throw new LabError(
    'RESILAB_E_IPC_MESSAGE',
    `${path}: ${issue?.message ?? 'invalid'}, got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}

/** A thrown error as an IPC reply error: its code when it is a LabError. */
export function toWireError(error: unknown): { code: string; message: string } {
  if (error instanceof LabError) return { code: error.code, message: error.message };
  return { code: 'RESILAB_E_SUPERVISOR', message: (error as Error)?.message ?? String(error) };
}
