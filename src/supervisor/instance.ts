// One instance of an app (a slot, NODE_APP_INSTANCE): its current lifetime, its restart history and
// its state. Only the instance changes these; others ask it (spawn, stop, restart, replace, sample).
// Every operation on it goes through its lock, so start/stop/restart/reload never interleave.
import { now } from '../clock.js';
import type { AppConfig, InstanceInfo, InstanceState, SupervisorEvent } from '../types.js';
import type { Launcher } from './launcher.js';
import { type Condemned, type EventBody, Lifetime, type UpOutcome } from './lifetime.js';
import { Lock } from './lock.js';
import { decideHealthAction, decideRestart, initialHistory, type RestartHistory } from './policy.js';
import { assertMove, isUpFor, waitsForReady } from './states.js';
import { type ExitInfo, HUNG_KILL_GRACE_MS } from './stop.js';

/** How waiting for an instance ended: up, listen_timeout passed, or it ended errored/stopped. */
export type Settled = 'up' | 'timeout' | 'errored' | 'stopped';

/** How one instance's replacement (reload, memory limit) went. */
export interface ReplaceResult {
  ok: boolean;
  error?: string;
}

/** The states of an instance with no process. */
type IdleState = 'stopped' | 'waiting-restart' | 'errored';

/** What an instance needs from the engine: where its events and output go. */
export interface InstanceSink {
  event(event: SupervisorEvent): void;
  output(instance: Instance, stream: 'out' | 'err', chunk: Buffer): void;
  /** One process of this instance has no more output: its last, unfinished line is due. */
  outputEnd(instance: Instance): void;
  /** A line from the supervisor about this instance (its log and output). */
  note(instance: Instance, line: string): void;
  /** Every state move of the instance or one of its lifetimes (an observer: tests, diagnostics). */
  moved?(instance: Instance, from: InstanceState, to: InstanceState): void;
}

/** A supervised slot: restarts its process by policy, stops it on request. */
export class Instance {
  readonly lock = new Lock();
  /** The one source of the state: the current process, or the state of an instance with none. */
  #slot: Lifetime | IdleState = 'stopped';
  #history: RestartHistory = initialHistory;
  #rss: number | null = null;
  #cpu: number | null = null;
  /** env entries given by restart/reload (--update-env), over app.env. */
  #envUpdate: Record<string, string> = {};
  /** New lifetimes of a reload not yet up: an early exit fails the reload, it is not a crash. */
  readonly #replacing = new Set<Lifetime>();
  #restartTimer: NodeJS.Timeout | null = null;
  readonly #waiters = new Set<(settled: Settled) => void>();

  constructor(
    readonly app: AppConfig,
    readonly index: number,
    readonly id: number,
    private readonly sink: InstanceSink,
    private readonly launcher: Launcher,
  ) {}

  /** The app's name (targets address instances by it). */
  get name(): string {
    return this.app.name;
  }

  get state(): InstanceState {
    return typeof this.#slot === 'string' ? this.#slot : this.#slot.state;
  }

  /** The current process's pid, or null when there is none. */
  get pid(): number | null {
    return this.#current()?.pid ?? null;
  }

  get history(): RestartHistory {
    return this.#history;
  }

  info(): InstanceInfo {
    const lifetime = this.#current();
    return {
      app: this.app.name,
      instance: this.index,
      id: this.id,
      pid: lifetime?.pid ?? null,
      state: this.state,
      exec_mode: this.app.exec_mode,
      restarts: this.#history.restarts,
      unstable_restarts: this.#history.unstable,
      started_at: lifetime?.startedAt ?? null,
      rss: this.#rss,
      cpu: this.#cpu,
    };
  }

  /** `reset`: the restart counters back to zero (PM2's `pm2 reset`); the backoff state stays. */
  resetCounters(): void {
    this.#history = { ...this.#history, restarts: 0, unstable: 0 };
  }

  /** The env this instance's processes get from the supervisor: the app's, --update-env's, its number. */
  env(): Record<string, string> {
    return {
      ...this.app.env,
      ...this.#envUpdate,
      [this.app.instance_var]: String(this.index),
      name: this.app.name,
    };
  }

  /** Records a resource sample of the current process (memory watch). */
  sample(rss: number, cpu: number): void {
    this.#rss = rss;
    this.#cpu = cpu;
  }

  /** Sends a signal to the current process, if any. */
  signal(signal: NodeJS.Signals): void {
    this.#current()?.signal(signal);
  }

  /** Emits an event for this instance (lifetime = the process it is about). */
  emit(body: EventBody, lifetime: Lifetime | null = this.#current()): void {
    const event = { t: now(), app: this.app.name, instance: this.index, pid: lifetime?.pid ?? null, ...body };
    this.sink.event(event as SupervisorEvent);
  }

  /** Resolves when the instance is up, its listen_timeout passed, or it ended errored/stopped. */
  settled(): Promise<Settled> {
    const state = this.state;
    if (isUpFor(state, waitsForReady(this.app))) return Promise.resolve('up');
    if (state === 'errored' || state === 'stopped') return Promise.resolve(state);
    return new Promise((resolve) => this.#waiters.add(resolve));
  }

  /** Starts a process from a state with none (stopped, waiting-restart). Call inside the lock. */
  spawn(env?: Record<string, string>): Lifetime {
    const from = this.state;
    assertMove(this.app.name, this.index, from, 'launching');
    if (env) this.#envUpdate = { ...this.#envUpdate, ...env };
    const lifetime = this.#create();
    this.sink.moved?.(this, from, 'launching');
    return lifetime.launch(this.#envUpdate);
  }

  /** Stops the instance (graceful, then SIGKILL after kill_timeout). Call inside the lock. */
  async stop(reason: string): Promise<void> {
    this.#clearRestart();
    const lifetime = this.#current();
    if (lifetime) {
      await lifetime.stop(reason);
      if (this.#slot === lifetime) this.#slot = 'stopped';
    } else if (this.state !== 'stopped') {
      this.#toIdle(this.state, 'stopped');
      this.emit({ type: 'stopped', forced: false, duration_ms: 0 }, null);
    }
    this.#notify('stopped');
  }

  /**
   * Restart = stop then start (with downtime), counted as a restart; a fresh start for the policy.
   * Resolves with how the new process's boot ended, not when the instance settles: callers hold the
   * lock, and the restarts of a crash loop need it (waiting for 'errored' here would never end).
   */
  async restart(reason: string, env?: Record<string, string>): Promise<UpOutcome> {
    await this.stop(reason);
    this.#history = { restarts: this.#history.restarts + 1, unstable: 0, backoff_ms: null };
    return this.spawn(env).up;
  }

  /**
   * Replacement first (call inside the lock): a new process starts, and the old one is stopped only
   * once the new one is up (or its listen_timeout passed). A new process that exits before it is up
   * fails the replacement: the old one stays, with its env. With no live process, a restart.
   */
  async replace(reason: string, env?: Record<string, string>): Promise<ReplaceResult> {
    const old = this.#current();
    if (!old || old.state === 'stopping' || old.state === 'stopped') {
      const outcome = await this.restart(reason, env);
      return outcome === 'exited'
        ? { ok: false, error: 'the new process exited before it was up' }
        : { ok: true };
    }
    const previousEnv = this.#envUpdate;
    if (env) this.#envUpdate = { ...this.#envUpdate, ...env };
    const next = this.#create();
    this.#replacing.add(next);
    next.launch(this.#envUpdate);
    const outcome = await next.up;
    this.#replacing.delete(next);
    if (outcome === 'exited') {
      this.#slot = old;
      this.#envUpdate = previousEnv; // a later restart of the old version must not start the failed deploy
      const exit = await next.exited;
      return {
        ok: false,
        error: `the new process exited before it was up (code ${exit.code}, signal ${exit.signal})`,
      };
    }
    this.#history = { ...this.#history, restarts: this.#history.restarts + 1 };
    await old.stop(reason);
    return { ok: true };
  }

  #current(): Lifetime | null {
    return typeof this.#slot === 'string' ? null : this.#slot;
  }

  /** A new lifetime, made current; not launched yet. */
  #create(): Lifetime {
    const lifetime = new Lifetime(this.app, this.index, this.launcher, {
      emit: (l, body) => this.emit(body, l),
      output: (stream, chunk) => this.sink.output(this, stream, chunk),
      outputEnd: () => this.sink.outputEnd(this),
      moved: (l, from, to) => {
        this.sink.moved?.(this, from, to);
        if (l === this.#slot && isUpFor(to, waitsForReady(this.app))) this.#notify('up');
      },
      unexpectedExit: (l, exit, last) => this.#crashed(l, exit, last),
      condemned: (l, state) => this.#condemned(l, state),
    });
    this.#slot = lifetime;
    void lifetime.up.then((outcome) => {
      if (outcome === 'timeout' && lifetime === this.#slot) this.#notify('timeout');
    });
    return lifetime;
  }

  #toIdle(from: InstanceState, to: IdleState): void {
    assertMove(this.app.name, this.index, from, to);
    this.#slot = to;
    this.sink.moved?.(this, from, to);
  }

  /**
   * A hung or unhealthy process. Cluster: out of rotation at once, then replaced (the new one first).
   * A hung one serves nothing and would burn a core while its replacement boots: it is killed as soon
   * as the replacement has started; an unhealthy one is stopped once the replacement is up. Fork (or
   * autorestart off): killed, and its exit is handled as a crash. A hung process cannot run its
   * SIGINT handler: SIGKILL follows after HUNG_KILL_GRACE_MS.
   */
  #condemned(lifetime: Lifetime, state: Condemned): void {
    if (lifetime !== this.#slot) return; // a new process of a replacement: replace() sees its exit
    const grace =
      state === 'hung' ? Math.min(HUNG_KILL_GRACE_MS, this.app.kill_timeout) : this.app.kill_timeout;
    this.sink.note(this, `[resilab] ${this.app.name}:${this.index} ${state} (pid ${lifetime.pid})`);
    if (decideHealthAction(this.app) === 'kill') {
      lifetime.terminate(grace);
      return;
    }
    lifetime.isolate();
    void this.lock.run(async () => {
      if (lifetime !== this.#slot || lifetime.hasExited) return; // stopped or exited meanwhile
      const replaced = this.replace(state); // the new process is launched before this returns
      if (state === 'hung') lifetime.terminate(grace);
      const result = await replaced;
      if (result.ok || lifetime !== this.#slot) return;
      // the replacement failed: the old process is still current; it must not stay hung or dead
      if (lifetime.hasExited) await this.restart(state);
      else lifetime.terminate(grace);
    });
  }

  #crashed(lifetime: Lifetime, exit: ExitInfo, last: InstanceState): void {
    // A process the supervisor killed as hung or unhealthy did not choose its exit code.
    const condemned = last === 'hung' || last === 'unhealthy';
    const facts = {
      code: exit.code,
      signal: exit.signal,
      uptime_ms: lifetime.uptime(exit.at),
      expected: false,
    };
    this.emit({ type: 'exit', ...facts }, lifetime);
    if (this.#replacing.has(lifetime)) return; // a failed replacement: replace() reports it
    if (lifetime !== this.#slot) return; // an old process of a reload: its replacement serves
    const decision = decideRestart(condemned ? { ...facts, code: null } : facts, this.#history, this.app);
    this.#history = decision.history;
    if (decision.action === 'restart') {
      this.#toIdle(last, 'waiting-restart');
      const { delay_ms, reason } = decision;
      this.emit({ type: 'restart-scheduled', delay_ms, reason, restarts: this.#history.restarts }, null);
      const respawn = () => {
        this.#restartTimer = null;
        void this.lock.run(async () => {
          if (this.state === 'waiting-restart') this.spawn();
        });
      };
      // No delay: spawn now rather than on the next timers phase (≥ 1 ms, more on a busy loop),
      // since the restart is on the crash → first 200 path (bench/pm2-compare.js).
      if (delay_ms === 0) respawn();
      else this.#restartTimer = setTimeout(respawn, delay_ms);
    } else if (decision.action === 'errored') {
      this.#toIdle(last, 'errored');
      this.emit({ type: 'errored', reason: decision.reason, restarts: this.#history.restarts }, null);
      this.sink.note(this, `[resilab] ${this.app.name}:${this.index} errored: ${decision.reason}`);
      this.#notify('errored');
    } else {
      this.#toIdle(last, 'stopped');
      this.emit({ type: 'stopped', forced: false, duration_ms: 0 }, null);
      this.#notify('stopped');
    }
  }

  #clearRestart(): void {
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
  }

  #notify(settled: Settled): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const resolve of waiters) resolve(settled);
  }
}
