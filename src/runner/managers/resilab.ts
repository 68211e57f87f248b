// resilab's own supervisor behind the runner's Manager seam: resolves the target here (ecosystem
// file or script, flags applied, validated), forks the lean supervisor host `host/ipc-main.js`
// with the resolved apps, waits for `started`, then speaks the protocol's IPC transport (requests
// by id, every event in). The supervisor process never loads the config layer (zod, yaml).
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appsFromTarget } from '../../config/ecosystem.js';
import type { RuntimeFlags } from '../../config/runtime-flags.js';
import { ERROR_CODES, type ErrorCode, LabError } from '../../errors.js';
import type { Command } from '../../protocol/commands.js';
import type { IpcBoot, IpcMessage } from '../../protocol/ipc.js';
import { SUPERVISOR_NODE_FLAGS } from '../../protocol/node-flags.js';
import type { ResultOf } from '../../protocol/results.js';
import type { InstanceInfo, SupervisorCommand } from '../../types.js';
import type { Manager, ManagerStart } from './manager.js';

/** How long stop() waits for a graceful shutdown before SIGKILL (apps' kill_timeout fits inside). */
export const CLIENT_STOP_TIMEOUT_MS = 10_000;
/** How long start() waits for `started` by default. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
const KEPT_LINES = 20;

/** What SupervisorClient.start takes: the Manager's start, plus runtime flags. */
export interface SupervisorClientOptions extends ManagerStart {
  flags?: RuntimeFlags;
  extraArgs?: string[];
}

/** The built supervisor host: next to this file in dist/, or the repo's dist/ when running from src/ (tests). */
export function hostPath(): string {
  const sibling = fileURLToPath(new URL('../../host/ipc-main.js', import.meta.url));
  return existsSync(sibling)
    ? sibling
    : fileURLToPath(new URL('../../../dist/host/ipc-main.js', import.meta.url));
}

/** A running supervisor host (`host/ipc-main.js`) under the runner: resilab's Manager. */
export class SupervisorClient implements Manager {
  readonly pid: number;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly gone: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.pid = child.pid ?? -1;
    this.gone = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      const error = new LabError(
        'RESILAB_E_SUPERVISOR',
        `the supervisor exited (code ${code}, signal ${signal})`,
      );
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
    child.on('message', (message: IpcMessage) => {
      if (message.kind !== 'reply') return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(wireError(message.error));
    });
  }

  /**
   * Resolves the target (a bad file or flag rejects here, coded), forks the host, sends it the
   * apps, and resolves once every instance is up; rejects with the app's last log lines.
   */
  static async start(options: SupervisorClientOptions): Promise<SupervisorClient> {
    const args = [...(options.flags?.args ?? []), ...(options.extraArgs ?? [])];
    const flags = { ...options.flags, ...(args.length ? { args } : {}) };
    const { apps, warnings } = await appsFromTarget(options.target, flags, {
      cwd: options.cwd ?? process.cwd(),
      home: resolvePath(options.home),
    });
    for (const warning of warnings) options.onLog?.(`resilab: ${warning}`);
    const child = fork(hostPath(), [], {
      execArgv: [...SUPERVISOR_NODE_FLAGS],
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env, RESILAB_HOME: options.home },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        options.onLog?.(line);
        lines.push(line);
        if (lines.length > KEPT_LINES) lines.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (message: IpcMessage) => {
      if (message.kind === 'event') options.onEvent?.(message.event);
      else if (message.kind === 'waiting') child.send({ kind: 'boot', apps } satisfies IpcBoot);
    });
    const client = new SupervisorClient(child);
    return new Promise((resolve, reject) => {
      let failure: LabError | null = null;
      const detail = () => (lines.length ? `\n${lines.join('\n')}` : '');
      const fail = (error: LabError) => {
        clearTimeout(timer);
        failure ??= error;
        void client.stop(); // the exit handler rejects once the supervisor is gone
      };
      const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
      const timer = setTimeout(
        () => fail(new LabError('RESILAB_E_NOT_READY', `not ready after ${timeoutMs} ms${detail()}`)),
        timeoutMs,
      );
      child.on('message', (message: IpcMessage) => {
        if (message.kind !== 'started') return;
        if (message.ok) {
          clearTimeout(timer);
          resolve(client);
        } else
          fail(new LabError('RESILAB_E_NOT_READY', `${message.error?.message ?? 'not ready'}${detail()}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (failure) return reject(failure);
        const coded = /\[(RESILAB_E_\w+)\]\s*$/.exec(lines.at(-1) ?? '')?.[1] ?? '';
        const known = (coded in ERROR_CODES ? coded : 'RESILAB_E_SUPERVISOR') as ErrorCode;
        reject(new LabError(known, `the supervisor exited during startup (code ${code})${detail()}`));
      });
    });
  }

  /** Sends one protocol command and resolves with its result (or rejects with its coded error). */
  request<C extends Command>(command: C): Promise<ResultOf[C['cmd']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) {
        reject(new LabError('RESILAB_E_SUPERVISOR', 'the supervisor is not running'));
        return;
      }
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ kind: 'request', id, command });
    });
  }

  list(): Promise<InstanceInfo[]> {
    return this.request({ cmd: 'list' });
  }

  async command(command: SupervisorCommand): Promise<void> {
    await this.request(command);
  }

  async signal(target: string, instance: number, signal: string): Promise<void> {
    await this.request({ cmd: 'signal', target, instance, signal });
  }

  /** SIGTERM (graceful stop of every app), SIGKILL after CLIENT_STOP_TIMEOUT_MS; resolves when gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }, CLIENT_STOP_TIMEOUT_MS);
    await this.gone;
    clearTimeout(timer);
  }
}

function wireError(error: { code: string; message: string }): LabError {
  const code = (error.code in ERROR_CODES ? error.code : 'RESILAB_E_SUPERVISOR') as ErrorCode;
  return new LabError(code, error.message);
}

/** resilab's StartManager: `resilab runtime --ipc` under the runner. */
export const startResilab = (options: ManagerStart): Promise<Manager> => SupervisorClient.start(options);
