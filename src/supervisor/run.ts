// One process lifetime of an instance: launch → online → listening|ready, its exit as a promise, and
// when it counts as up. Several may exist for one instance during a reload (old one draining).
import { now } from '../clock.js';
import type { AppConfig, InstanceState, SupervisorEvent } from '../types.js';
import { launch, type ManagedChild } from './child.js';
import { assertMove, isUp } from './states.js';
import type { ExitInfo } from './stop.js';

/** Why a run stopped waiting to be up: it is up, its listen_timeout passed, or it exited first. */
export type UpOutcome = 'up' | 'timeout' | 'exited';

/** Distributes the Omit over each member of the union, keeping each event's own fields. */
export type EventBody = SupervisorEvent extends infer E
  ? E extends SupervisorEvent
    ? Omit<E, 't' | 'app' | 'instance' | 'pid'>
    : never
  : never;

/** What a run reports to its instance. */
export interface RunHooks {
  emit(run: Run, event: EventBody): void;
  output(stream: 'out' | 'err', chunk: Buffer): void;
  outputEnd(): void;
  moved(run: Run): void;
  unexpectedExit(run: Run, exit: ExitInfo): void;
}

/** A started process with its own state; `expected` is set before any intentional stop. */
export class Run {
  readonly child: ManagedChild;
  readonly exited: Promise<ExitInfo>;
  readonly up: Promise<UpOutcome>;
  state: InstanceState = 'launching';
  expected = false;
  /** True once the process is gone (its exit event was handled). */
  hasExited = false;
  /** Set while this run replaces another (reload): an early exit fails the reload, not a restart. */
  replacing: Run | null = null;
  private resolveExit!: (exit: ExitInfo) => void;
  private resolveUp!: (outcome: UpOutcome) => void;
  private listenTimer: NodeJS.Timeout;

  constructor(
    readonly app: AppConfig,
    readonly instance: number,
    env: Record<string, string>,
    private readonly hooks: RunHooks,
  ) {
    this.exited = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
    this.up = new Promise((resolve) => {
      this.resolveUp = resolve;
    });
    this.child = launch(app, instance, env, {
      online: () => this.move('online', { type: 'online' }, ['launching']),
      listening: (address) => this.onListening(address),
      message: (message) => this.onMessage(message),
      output: (stream, chunk) => hooks.output(stream, chunk),
      outputEnd: () => hooks.outputEnd(),
      exit: (code, signal) => this.onExit({ code, signal, at: now() }),
    });
    this.hooks.emit(this, { type: 'spawn' });
    this.listenTimer = setTimeout(() => {
      if (this.expected) return;
      this.hooks.emit(this, { type: 'listen-timeout', timeout_ms: app.listen_timeout });
      this.resolveUp('timeout');
    }, app.listen_timeout);
  }

  get pid(): number {
    return this.child.pid;
  }

  /** Milliseconds since the process started. */
  uptime(at = now()): number {
    return at - this.child.startedAt;
  }

  /** Moves to `to` (when the current state is one of `from`) and emits event. */
  move(to: InstanceState, event: EventBody | null, from?: InstanceState[]): void {
    if (from && !from.includes(this.state)) return;
    if (this.state === 'stopped') return;
    assertMove(this.app.name, this.instance, this.state, to);
    this.state = to;
    if (event) this.hooks.emit(this, event);
    this.hooks.moved(this);
  }

  private onListening(address: { address?: string; port?: number }): void {
    if (this.expected) return;
    if (this.state === 'launching') this.move('online', { type: 'online' });
    if (this.state !== 'online') return;
    this.move('listening', { type: 'listening', ...address });
    if (!this.app.wait_ready) this.markUp();
  }

  private onMessage(message: unknown): void {
    const tagged = message as { resilab?: string; p50_ms?: number; max_ms?: number };
    if (tagged && typeof tagged === 'object' && tagged.resilab === 'event-loop') {
      this.hooks.emit(this, { type: 'event-loop', p50_ms: tagged.p50_ms ?? 0, max_ms: tagged.max_ms ?? 0 });
      return;
    }
    if (message === 'ready' && this.app.wait_ready && !this.expected && !isUp(this.state)) {
      if (this.state === 'launching') this.move('online', { type: 'online' });
      if (this.state === 'online' || this.state === 'listening') this.move('ready', { type: 'ready' });
      this.markUp();
    }
  }

  private markUp(): void {
    clearTimeout(this.listenTimer);
    this.resolveUp('up');
  }

  private onExit(exit: ExitInfo): void {
    this.hasExited = true;
    clearTimeout(this.listenTimer);
    this.resolveUp('exited');
    this.resolveExit(exit);
    if (!this.expected) this.hooks.unexpectedExit(this, exit);
  }
}
