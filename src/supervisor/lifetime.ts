// One process lifetime of an instance: launch → online → listening|ready → stopping → stopped, its
// exit as a promise, and when it counts as up. Several may exist for one instance during a reload
// (the old one draining). Only the lifetime moves its own state, through the table of states.ts.
// While it is live it watches its process: the heartbeat (heartbeat_timeout) and the health check.
import { now } from '../clock.js';
import type { AppConfig, InstanceState, SupervisorEvent } from '../types.js';
import type { Launcher, ManagedChild } from './launcher.js';
import { decideHealthAction } from './policy.js';
import { ProcessWatch } from './process-watch.js';
import { assertMove, waitsForReady } from './states.js';
import { type ExitInfo, HUNG_KILL_GRACE_MS, type StopOutcome, stopChild } from './stop.js';

/** The states of a process the supervisor gave up on: it is killed or replaced. */
export type Condemned = 'hung' | 'unhealthy';

/** The states in which the watchdog and the health check run. */
const WATCHED: ReadonlySet<InstanceState> = new Set(['online', 'listening', 'ready']);

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
  /** The process was declared hung or unhealthy (its event is out): the instance kills or replaces it. */
  condemned(lifetime: Lifetime, state: Condemned): void;
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
  /** Set once up resolved ('up' or 'timeout'): health check failures count from then on. */
  #settled = false;
  #watch: ProcessWatch | null = null;

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
    void this.up.then((outcome) => {
      if (outcome === 'exited') return;
      this.#settled = true;
      this.startWatch();
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

  /** Cluster: takes the process out of rotation now (a hung worker gets no new connection). */
  isolate(): void {
    this.#child?.disconnect();
  }

  /**
   * Kills a condemned process without making its exit expected: the polite request, SIGKILL after
   * graceMs, and the exit then goes to the instance like a crash, for the restart policy to decide.
   */
  terminate(graceMs: number): void {
    const child = this.#child;
    if (!child || this.#exited || this.#expected) return;
    void stopChild(child, this.exited, { ...this.app, kill_timeout: graceMs });
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
    const hung = this.#state === 'hung';
    this.move('stopping', { type: 'stopping', reason });
    const kill_timeout = hung ? Math.min(HUNG_KILL_GRACE_MS, this.app.kill_timeout) : this.app.kill_timeout;
    const outcome = await stopChild(child, this.exited, { ...this.app, kill_timeout });
    const { code, signal } = outcome;
    this.hooks.emit(this, { type: 'exit', code, signal, uptime_ms: this.uptime(outcome.at), expected: true });
    this.move('stopped', { type: 'stopped', forced: outcome.forced, duration_ms: outcome.duration_ms });
    return outcome;
  }

  private move(to: InstanceState, event: EventBody | null): void {
    const from = this.#state;
    assertMove(this.app.name, this.instance, from, to);
    this.#state = to;
    if (!WATCHED.has(to)) this.stopWatch();
    if (event) this.hooks.emit(this, event);
    this.hooks.moved(this, from, to);
  }

  /** Starts the watchdog (once up: a boot may block its loop) and the health check (at listening). */
  private startWatch(): void {
    const child = this.#child;
    if (this.#expected || this.#exited || !child || !WATCHED.has(this.#state)) return;
    const { heartbeat_timeout, health_check } = this.app;
    if (heartbeat_timeout === null && health_check === null) return;
    this.#watch ??= new ProcessWatch(
      this.app,
      (message) => child.send(message),
      {
        hung: (since_ms) =>
          this.condemn('hung', { type: 'hung', since_ms, timeout_ms: heartbeat_timeout ?? 0 }),
        unhealthy: (failures, error) =>
          this.condemn('unhealthy', { type: 'unhealthy', path: health_check?.path ?? '', failures, error }),
        passed: () => this.onHealthPass(),
        counting: () => this.#settled,
      },
      this.launcher.probe,
    );
    this.#watch.start(this.#settled);
  }

  private stopWatch(): void {
    this.#watch?.stop();
  }

  /** gate_ready (without wait_ready): the first passing check is the process's 'ready'. */
  private onHealthPass(): void {
    if (this.app.wait_ready || !waitsForReady(this.app) || this.#expected) return;
    if (this.#state !== 'online' && this.#state !== 'listening') return;
    this.move('ready', { type: 'ready' });
    this.markUp();
  }

  /** Hung or unhealthy: the state and its event (with what will be done), then the instance acts. */
  private condemn(
    to: Condemned,
    body:
      | Omit<Extract<EventBody, { type: 'hung' }>, 'action'>
      | Omit<Extract<EventBody, { type: 'unhealthy' }>, 'action'>,
  ): void {
    if (this.#expected || this.#exited || !WATCHED.has(this.#state)) return;
    this.move(to, { ...body, action: decideHealthAction(this.app) } as EventBody);
    this.hooks.condemned(this, to);
  }

  private onListening(address: { address?: string; port?: number }): void {
    if (this.#expected) return;
    if (this.#state === 'launching') this.move('online', { type: 'online' });
    if (this.#state !== 'online') return; // a second server, or listening after 'ready': no new state
    this.move('listening', { type: 'listening', ...address });
    if (!waitsForReady(this.app)) this.markUp();
    this.startWatch(); // the health check (gate_ready waits for its first pass)
  }

  private onMessage(message: unknown): void {
    if (this.#watch?.message(message)) return;
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
