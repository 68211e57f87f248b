// When a dependency's server is ready: the line it prints when it accepts work (PostgreSQL: "database
// system is ready to accept connections"), or, when the scenario names none, its port accepting a
// connection. Bounded by the spec's timeout; an exit or an abort first is a failure with its output.
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { LabError } from '../errors.js';
import type { DependencySpec } from '../types.js';
import type { Output } from './output.js';

/** How often the port is tried when readiness is "the port accepts". */
const TCP_READY_EVERY_MS = 25;

/** What readiness is judged on. */
export interface ReadyWatch {
  child: ChildProcess;
  output: Output;
  spec: DependencySpec;
  port: number;
  signal?: AbortSignal | undefined;
}

/** Resolves when the server is ready; rejects (RESILAB_E_RUN_FAILED, with its last lines) otherwise. */
export function waitReady({ child, output, spec, port, signal }: ReadyWatch): Promise<void> {
  const { log, timeout_ms } = spec.ready;
  return new Promise<void>((resolve, reject) => {
    let poll: NodeJS.Timeout | null = null;
    const fail = (why: string) =>
      finish(new LabError('RESILAB_E_RUN_FAILED', `dependency ${spec.name}: ${why}:\n${output.tail()}`));
    const onExit = (code: number | null, sig: string | null) =>
      fail(`exited before it was ready (code ${code}, signal ${sig})`);
    const onError = (error: Error) => fail(error.message);
    const onAbort = () =>
      finish(
        new LabError('RESILAB_E_INTERRUPTED', `dependency ${spec.name}: interrupted before it was ready`),
      );
    const timer = setTimeout(() => fail(`not ready after ${timeout_ms} ms`), timeout_ms);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (poll) clearTimeout(poll);
      child.off('exit', onExit);
      child.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
      output.off();
      if (error) reject(error);
      else resolve();
    };
    child.once('exit', onExit);
    child.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    if (log !== null) {
      output.on(log, () => finish());
      return;
    }
    const tryPort = () => {
      if (settled) return;
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        finish();
      });
      socket.once('error', () => {
        socket.destroy();
        poll = setTimeout(tryPort, TCP_READY_EVERY_MS);
      });
    };
    tryPort();
  });
}
