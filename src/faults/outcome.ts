// The shared steps of every fault: build its FaultRecord, wait with the run's signal, send a signal
// to a pid, make one HTTP request. Kept here so each fault file says only what it does.
import { request } from 'node:http';
import { now } from '../clock.js';
import type { FaultRecord, FaultSpec } from '../types.js';
import type { FaultContext, LiveInstance } from './context.js';

/** A FaultRecord for `spec`, started at `t`; ok unless an error is given. */
export function faultRecord(
  spec: FaultSpec,
  context: FaultContext,
  t: number,
  fields: { targets?: readonly LiveInstance[]; t_end?: number | null; error?: string | null } = {},
): FaultRecord {
  const error = fields.error ?? null;
  return {
    kind: spec.kind,
    spec,
    t,
    at_ms: t - context.load_start,
    t_end: fields.t_end ?? null,
    targets: (fields.targets ?? []).map((i) => ({ instance: i.instance, pid: i.pid })),
    ok: error === null,
    error,
  };
}

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Sends a signal to each target by pid; returns the errors (a process that is already gone). */
export function signalAll(targets: readonly LiveInstance[], signal: NodeJS.Signals): string[] {
  const errors: string[] = [];
  for (const target of targets) {
    try {
      process.kill(target.pid, signal);
    } catch (error) {
      errors.push(`instance ${target.instance} (pid ${target.pid}): ${(error as Error).message}`);
    }
  }
  return errors;
}

/** One GET on a fresh connection; resolves with the status, or null when the request failed. */
export function get(url: string, signal: AbortSignal, timeoutMs = 30_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    const req = request(url, { agent: false, signal, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** The time now, from the one clock (re-exported so fault files import one helper module). */
export const clock = now;

/** An error's message, for a FaultRecord. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
