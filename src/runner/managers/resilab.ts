// resilab's own supervisor behind the runner's Manager seam: forks `resilab runtime <target> --ipc`,
// waits for `started`, then speaks the protocol's IPC transport (requests by id, every event in).
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RuntimeFlags } from '../../config/runtime-flags.js';
import { ERROR_CODES, type ErrorCode, LabError } from '../../errors.js';
import type { Command } from '../../protocol/commands.js';
import type { IpcMessage } from '../../protocol/ipc.js';
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

/** The built CLI: next to this file in dist/, or the repo's dist/ when running from src/ (tests). */
export function cliPath(): string {
  const sibling = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
  return existsSync(sibling) ? sibling : fileURLToPath(new URL('../../../dist/cli/bin.js', import.meta.url));
}

/** RuntimeFlags → `resilab runtime` arguments. */
export function flagArgs(flags: RuntimeFlags, extraArgs: string[] = []): string[] {
  const args: string[] = [];
  const valued: [keyof RuntimeFlags, string][] = [
    ['instances', '--instances'],
    ['name', '--name'],
    ['env', '--env'],
    ['maxMemoryRestart', '--max-memory-restart'],
    ['restartDelay', '--restart-delay'],
    ['expBackoffRestartDelay', '--exp-backoff-restart-delay'],
    ['maxRestarts', '--max-restarts'],
    ['minUptime', '--min-uptime'],
    ['killTimeout', '--kill-timeout'],
    ['listenTimeout', '--listen-timeout'],
  ];
  for (const [key, flag] of valued) if (flags[key] !== undefined) args.push(flag, String(flags[key]));
  if (flags.waitReady) args.push('--wait-ready');
  if (flags.autorestart === false) args.push('--no-autorestart');
  if (flags.watch) args.push('--watch');
  const rest = [...(flags.args ?? []), ...extraArgs];
  return rest.length > 0 ? [...args, '--', ...rest] : args;
}

/** A running `resilab runtime --ipc` child: resilab's Manager. */
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

  /** Forks the runtime and resolves once every instance is up; rejects with the app's last log lines. */
  static start(options: SupervisorClientOptions): Promise<SupervisorClient> {
    const args = ['runtime', options.target, '--ipc', ...flagArgs(options.flags ?? {}, options.extraArgs)];
    const child = fork(cliPath(), args, {
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
