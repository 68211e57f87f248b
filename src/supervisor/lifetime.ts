// One process lifetime of an instance: launch → online → listening|ready → stopping → stopped, its
// exit as a promise, and when it counts as up. Several may exist for one instance during a reload
// (the old one draining). Only the lifetime moves its own state, through the table of states.ts.
import { now } from '../clock.js';
import type { AppConfig, InstanceState, SupervisorEvent } from '../types.js';
import type { Launcher, ManagedChild } from './launcher.js';
import { assertMove } from './states.js';
import { type ExitInfo, type StopOutcome, stopChild } from './stop.js';

/** Why a lifetime stopped waiting to be up: it is up, its listen_timeout passed, or it exited first. */
export type UpOutcome = 'up' | 'timeout' | 'exited';

/** Distributes the Omit over each member of the union, keeping each event's own fields. */
export type EventBody = SupervisorEvent extends infer E
  ? E extends SupervisorEvent
    ? Omit<E, 't' | 'app' | 'instance' | 'pid'>
    : never
  : never;

/** What a lifetime reports to its instance. */
export interface LifetimeHooks {
  emit(lifetime: Lifetime, event: EventBody): void;
  output(stream: 'out' | 'err', chunk: Buffer): void;
  outputEnd(): void;
  moved(lifetime: Lifetime, from: InstanceState, to: InstanceState): void;
  /** The process ended without being asked; `last` is the state it was in. */
  unexpectedExit(lifetime: Lifetime, exit: ExitInfo, last: InstanceState): void;
}

/** A process of an instance with its own state; created idle, started by launch() through a Launcher. */
export class Lifetime {
  readonly exited: Promise<ExitInfo>;
  readonly up: Promise<UpOutcome>;
  #state: InstanceState = 'launching';
  #child: ManagedChild | null = null;
  /** Set before any intentional stop: the exit that follows is not a crash. */
  #expected = false;
  #exited = false;
  #resolveExit!: (exit: ExitInfo) => void;
  #resolveUp!: (outcome: UpOutcome) => void;
  #listenTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly app: AppConfig,
    readonly instance: number,
    private readonly launcher: Launcher,
    private readonly hooks: LifetimeHooks,
  ) {
    this.exited = new Promise((resolve) => {
      this.#resolveExit = resolve;
    });
    this.up = new Promise((resolve) => {
      this.#resolveUp = resolve;
    });
  }

  /** Starts the process (once) and its listen_timeout. */
  launch(env: Record<string, string>): this {
    if (this.#child) return this;
    this.#child = this.launcher.launch(this.app, this.instance, env, {
      online: () => {
        if (this.#state === 'launching' && !this.#expected) this.move('online', { type: 'online' });
      },
      listening: (address) => this.onListening(address),
      message: (message) => this.onMessage(message),
      output: (stream, chunk) => this.hooks.output(stream, chunk),
      outputEnd: () => this.hooks.outputEnd(),
      exit: (code, signal) => this.onExit({ code, signal, at: now() }),
    });
    this.hooks.emit(this, { type: 'spawn' });
    this.#listenTimer = setTimeout(() => {
      if (this.#expected) return;
      this.hooks.emit(this, { type: 'listen-timeout', timeout_ms: this.app.listen_timeout });
      this.#resolveUp('timeout');
    }, this.app.listen_timeout);
    return this;
  }

  get state(): InstanceState {
    return this.#state;
  }

  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  get startedAt(): number | null {
    return this.#child?.startedAt ?? null;
  }

  /** True once the process is gone (its exit event was handled). */
  get hasExited(): boolean {
    return this.#exited;
  }

  /** Milliseconds since the process started. */
  uptime(at = now()): number {
    return at - (this.#child?.startedAt ?? at);
  }

  /** Sends a signal to the process (a fault, or a user's request). */
  signal(signal: NodeJS.Signals): void {
    this.#child?.kill(signal);
  }

  /**
   * Stops the process (graceful, then SIGKILL after kill_timeout) and reports exit and stopped.
   * A lifetime whose process already exited (it crashed while its replacement started) just ends.
   */
  async stop(reason: string): Promise<StopOutcome | null> {
    if (this.#expected) return null; // a stop is already under way, or done
    this.#expected = true;
    const child = this.#child;
    if (this.#exited || !child) {
      const stopped = { type: 'stopped', forced: false, duration_ms: 0 } as const;
      if (this.#state === 'stopped') this.hooks.emit(this, stopped);
      else this.move('stopped', stopped);
      return null;
    }
    this.move('stopping', { type: 'stopping', reason });
    const outcome = await stopChild(child, this.exited, this.app);
    const { code, signal } = outcome;
    this.hooks.emit(this, { type: 'exit', code, signal, uptime_ms: this.uptime(outcome.at), expected: true });
    this.move('stopped', { type: 'stopped', forced: outcome.forced, duration_ms: outcome.duration_ms });
    return outcome;
  }

  private move(to: InstanceState, event: EventBody | null): void {
    const from = this.#state;
    assertMove(this.app.name, this.instance, from, to);
    this.#state = to;
    if (event) this.hooks.emit(this, event);
    this.hooks.moved(this, from, to);
  }

  private onListening(address: { address?: string; port?: number }): void {
    if (this.#expected) return;
    if (this.#state === 'launching') this.move('online', { type: 'online' });
    if (this.#state !== 'online') return; // a second server, or listening after 'ready': no new state
    this.move('listening', { type: 'listening', ...address });
    if (!this.app.wait_ready) this.markUp();
  }

  private onMessage(message: unknown): void {
    const tagged = message as { resilab?: string; p50_ms?: number; max_ms?: number };
    if (tagged && typeof tagged === 'object' && tagged.resilab === 'event-loop') {
      this.hooks.emit(this, { type: 'event-loop', p50_ms: tagged.p50_ms ?? 0, max_ms: tagged.max_ms ?? 0 });
      return;
    }
    if (message !== 'ready' || !this.app.wait_ready || this.#expected) return;
    // 'ready' counts before listening, after it (PM2's documented pattern), or with no server at all.
    if (this.#state === 'launching') this.move('online', { type: 'online' });
    if (this.#state !== 'online' && this.#state !== 'listening') return;
    this.move('ready', { type: 'ready' });
    this.markUp();
  }

  private markUp(): void {
    if (this.#listenTimer) clearTimeout(this.#listenTimer);
    this.#resolveUp('up');
  }

  private onExit(exit: ExitInfo): void {
    this.#exited = true;
    if (this.#listenTimer) clearTimeout(this.#listenTimer);
    this.#resolveUp('exited');
    this.#resolveExit(exit);
    if (this.#expected) return;
    const last = this.#state;
    this.move('stopped', null);
    this.hooks.unexpectedExit(this, exit, last);
  }
}
