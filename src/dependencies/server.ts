// One dependency's real server: a fresh data dir (initialised once), started, waited for (a line in
// its output, or its port accepting), stopped with its own signal (SIGKILL after a named delay),
// started again on the same port. Only the pid it spawned is ever signalled.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import type { DependencySpec } from '../types.js';
import { resolveExecutables } from './executable.js';
import { fill, type Output, outputOf } from './output.js';
import { waitReady } from './ready.js';
import { giveTo, type Identity } from './user.js';

/** After the stop signal, how long the server may take before SIGKILL. */
export const STOP_TIMEOUT_MS = 10_000;

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

  /**
   * Starts the server (initialising its data dir the first time); resolves when it is ready. An
   * abort of `signal` (before or while it waits) rejects at once, the server stopped by its pid.
   */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.#child) return;
    const interrupted = () =>
      new LabError(
        'RESILAB_E_INTERRUPTED',
        `dependency ${this.spec.name}: interrupted before it was started`,
      );
    if (signal?.aborted) throw interrupted();
    if (this.#dataDir === null) await this.#init();
    if (signal?.aborted) throw interrupted();
    const [, ...args] = this.#args(this.spec.command);
    const child = this.#spawn(this.#exec.command, args);
    this.#child = child;
    this.#output = outputOf(child);
    child.once('exit', () => {
      if (this.#child === child) this.#child = null;
    });
    // a failed spawn is reported by waitReady; later errors (a kill that fails) must not crash the run
    child.on('error', () => {});
    try {
      await waitReady({ child, output: this.#output, spec: this.spec, port: this.port, signal });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the server with its stop signal; SIGKILL after STOP_TIMEOUT_MS. Resolves when it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
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
}
