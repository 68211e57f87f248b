// One dependency's real server: a fresh data dir (initialised once), started, waited for (a line in
// its output, or its port accepting), stopped with its own signal (SIGKILL after a named delay),
// started again on the same port. Only the pid it spawned is ever signalled.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import type { DependencySpec } from '../types.js';
import { resolveExecutables } from './executable.js';
import { fill, type Output, outputOf } from './output.js';
import { giveTo, type Identity } from './user.js';

/** After the stop signal, how long the server may take before SIGKILL. */
export const STOP_TIMEOUT_MS = 10_000;
/** How often the port is tried when readiness is "the port accepts". */
const TCP_READY_EVERY_MS = 25;

/** A dependency's server on a fixed port, across stops and starts. */
export class DependencyServer {
  #child: ChildProcess | null = null;
  #output: Output = outputOf(null);
  #dataDir: string | null = null;
  readonly #exec: { command: string; init: string | null };

  constructor(
    readonly spec: DependencySpec,
    readonly port: number,
    private readonly identity: Identity,
  ) {
    this.#exec = resolveExecutables(spec);
  }

  /** The server's pid while it runs, or null. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  /** Starts the server (initialising its data dir the first time); resolves when it is ready. */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.#child) return;
    if (this.#dataDir === null) await this.#init();
    const [, ...args] = this.#args(this.spec.command);
    const child = this.#spawn(this.#exec.command, args);
    this.#child = child;
    this.#output = outputOf(child);
    child.once('exit', () => {
      if (this.#child === child) this.#child = null;
    });
    try {
      await this.#ready(child, signal);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the server with its stop signal; SIGKILL after STOP_TIMEOUT_MS. Resolves when it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.#child = null;
      return;
    }
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(this.spec.stop_signal as NodeJS.Signals);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
    this.#child = null;
  }

  /** Stops the server and removes its data dir. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.#dataDir) await rm(this.#dataDir, { recursive: true, force: true });
    this.#dataDir = null;
  }

  async #init(): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), `resilab-${this.spec.name}-`));
    this.#dataDir = dir;
    await giveTo(dir, this.identity);
    if (!this.spec.init || !this.#exec.init) return;
    const [, ...args] = this.#args(this.spec.init);
    const child = this.#spawn(this.#exec.init, args);
    const output = outputOf(child);
    const code = await new Promise<number | null>((resolve) => {
      child.once('error', () => resolve(null));
      child.once('exit', (c) => resolve(c));
    });
    if (code !== 0)
      throw new LabError(
        'RESILAB_E_RUN_FAILED',
        `dependency ${this.spec.name}: init (${this.spec.init.join(' ')}) failed (exit ${code}):\n${output.tail()}`,
      );
  }

  #args(template: readonly string[]): string[] {
    return template.map((a) => fill(a, { port: String(this.port), data_dir: this.#dataDir ?? '' }));
  }

  #spawn(file: string, args: string[]): ChildProcess {
    return spawn(file, args, {
      cwd: this.#dataDir ?? tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.identity ? { uid: this.identity.uid, gid: this.identity.gid } : {}),
    });
  }

  /** Resolves when the ready line appears (or the port accepts); rejects on exit, timeout or abort. */
  #ready(child: ChildProcess, signal?: AbortSignal): Promise<void> {
    const { log, timeout_ms } = this.spec.ready;
    return new Promise<void>((resolve, reject) => {
      let poll: NodeJS.Timeout | null = null;
      const fail = (why: string) =>
        finish(
          new LabError(
            'RESILAB_E_RUN_FAILED',
            `dependency ${this.spec.name}: ${why}:\n${this.#output.tail()}`,
          ),
        );
      const onExit = (code: number | null, sig: string | null) =>
        fail(`exited before it was ready (code ${code}, signal ${sig})`);
      const onAbort = () => fail('interrupted before it was ready');
      const timer = setTimeout(() => fail(`not ready after ${timeout_ms} ms`), timeout_ms);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        if (poll) clearTimeout(poll);
        child.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        this.#output.off();
        if (error) reject(error);
        else resolve();
      };
      child.once('exit', onExit);
      child.once('error', (e) => fail(e.message));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (log !== null) {
        this.#output.on(log, () => finish());
        return;
      }
      const tryPort = () => {
        const socket = connect({ host: '127.0.0.1', port: this.port });
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
}
