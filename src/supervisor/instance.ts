// One instance of an app (a slot, NODE_APP_INSTANCE): its current run, its restart history and its
// state. Every operation on it goes through its lock, so start/stop/restart/reload never interleave.
import { now } from '../clock.js';
import type { AppConfig, InstanceInfo, InstanceState, SupervisorEvent } from '../types.js';
import { Lock } from './lock.js';
import { decideRestart, initialHistory, type RestartHistory } from './policy.js';
import { type EventBody, Run, type UpOutcome } from './run.js';
import { isUp } from './states.js';
import { type ExitInfo, stopChild } from './stop.js';

/** How waiting for an instance ended: up, listen_timeout passed, or it ended errored/stopped. */
export type Settled = 'up' | 'timeout' | 'errored' | 'stopped';

/** What an instance needs from the engine: where its events and output go. */
export interface InstanceSink {
  event(event: SupervisorEvent): void;
  output(instance: Instance, stream: 'out' | 'err', chunk: Buffer): void;
}

/** A supervised slot: restarts its process by policy, stops it on request. */
export class Instance {
  readonly lock = new Lock();
  current: Run | null = null;
  history: RestartHistory = initialHistory;
  rss: number | null = null;
  cpu: number | null = null;
  private idleState: InstanceState = 'stopped';
  private restartTimer: NodeJS.Timeout | null = null;
  private waiters = new Set<(settled: Settled) => void>();
  /** env entries given by restart/reload (--update-env), over app.env. */
  envUpdate: Record<string, string> = {};

  constructor(
    public app: AppConfig,
    readonly index: number,
    readonly id: number,
    private readonly sink: InstanceSink,
  ) {}

  /** The app's name (targets address instances by it). */
  get name(): string {
    return this.app.name;
  }

  get state(): InstanceState {
    return this.current?.state ?? this.idleState;
  }

  info(): InstanceInfo {
    const run = this.current;
    return {
      app: this.app.name,
      instance: this.index,
      id: this.id,
      pid: run?.pid ?? null,
      state: this.state,
      exec_mode: this.app.exec_mode,
      restarts: this.history.restarts,
      unstable_restarts: this.history.unstable,
      started_at: run?.child.startedAt ?? null,
      rss: this.rss,
      cpu: this.cpu,
    };
  }

  /** Emits an event for this instance (run = the process it is about). */
  emit(body: EventBody, run: Run | null = this.current): void {
    const event = { t: now(), app: this.app.name, instance: this.index, pid: run?.pid ?? null, ...body };
    this.sink.event(event as SupervisorEvent);
  }

  /** Resolves when the instance is up, its listen_timeout passed, or it ended errored/stopped. */
  settled(): Promise<Settled> {
    if (isUp(this.state)) return Promise.resolve('up');
    if (this.state === 'errored' || this.state === 'stopped') return Promise.resolve(this.state);
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  /** Starts a new run and makes it current. Call inside the lock. */
  spawn(env?: Record<string, string>): Run {
    if (env) this.envUpdate = { ...this.envUpdate, ...env };
    const run = new Run(this.app, this.index, this.envUpdate, {
      emit: (r, body) => this.emit(body, r),
      output: (stream, chunk) => this.sink.output(this, stream, chunk),
      moved: (r) => {
        if (r === this.current && isUp(r.state)) this.notify('up');
      },
      unexpectedExit: (r, exit) => this.crashed(r, exit),
    });
    this.current = run;
    void run.up.then((outcome: UpOutcome) => {
      if (outcome === 'timeout' && run === this.current) this.notify('timeout');
    });
    return run;
  }

  /** Stops the instance (graceful, then SIGKILL after kill_timeout). Call inside the lock. */
  async stop(reason: string): Promise<void> {
    this.clearRestart();
    const run = this.current;
    if (run) await this.stopRun(run, reason);
    else if (this.idleState !== 'stopped') {
      this.idleState = 'stopped';
      this.emit({ type: 'stopped', forced: false, duration_ms: 0 }, null);
    }
    this.notify('stopped');
  }

  /** Stops one run; the instance's state follows it only while it is the current run. */
  async stopRun(run: Run, reason: string): Promise<void> {
    if (run.hasExited) {
      // It crashed while a replacement was starting: its exit was already reported.
      run.move('stopped', { type: 'stopped', forced: false, duration_ms: 0 });
      if (run === this.current) this.current = null;
      return;
    }
    run.expected = true;
    run.move('stopping', { type: 'stopping', reason });
    const outcome = await stopChild(run.child, run.exited, this.app);
    this.emit(
      {
        type: 'exit',
        code: outcome.code,
        signal: outcome.signal,
        uptime_ms: run.uptime(outcome.at),
        expected: true,
      },
      run,
    );
    run.move('stopped', { type: 'stopped', forced: outcome.forced, duration_ms: outcome.duration_ms });
    if (run === this.current) {
      this.current = null;
      this.idleState = 'stopped';
    }
  }

  /**
   * Restart = stop then start (with downtime), counted as a restart; a fresh start for the policy.
   * Resolves with how the new process's boot ended, not when the instance settles: callers hold the
   * lock, and the restarts of a crash loop need it (waiting for 'errored' here would never end).
   */
  async restart(reason: string, env?: Record<string, string>): Promise<UpOutcome> {
    await this.stop(reason);
    this.history = { restarts: this.history.restarts + 1, unstable: 0, backoff_ms: null };
    return this.spawn(env).up;
  }

  /** Counts a replacement (reload, memory limit) as a restart. */
  countRestart(): void {
    this.history = { ...this.history, restarts: this.history.restarts + 1 };
  }

  private crashed(run: Run, exit: ExitInfo): void {
    const facts = { code: exit.code, signal: exit.signal, uptime_ms: run.uptime(exit.at), expected: false };
    this.emit({ type: 'exit', ...facts }, run);
    if (run.replacing) return; // a failed replacement: the old run keeps serving (replace() reports it)
    if (run !== this.current) return;
    this.current = null;
    run.state = 'stopped';
    const decision = decideRestart(facts, this.history, this.app);
    this.history = decision.history;
    if (decision.action === 'restart') {
      this.idleState = 'waiting-restart';
      this.emit(
        {
          type: 'restart-scheduled',
          delay_ms: decision.delay_ms,
          reason: decision.reason,
          restarts: this.history.restarts,
        },
        null,
      );
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        void this.lock.run(async () => {
          if (this.state === 'waiting-restart') this.spawn();
        });
      }, decision.delay_ms);
    } else if (decision.action === 'errored') {
      this.idleState = 'errored';
      this.emit({ type: 'errored', reason: decision.reason, restarts: this.history.restarts }, null);
      this.sink.output(
        this,
        'err',
        Buffer.from(`[resilab] ${this.app.name}:${this.index} errored: ${decision.reason}\n`),
      );
      this.notify('errored');
    } else {
      this.idleState = 'stopped';
      this.emit({ type: 'stopped', forced: false, duration_ms: 0 }, null);
      this.notify('stopped');
    }
  }

  private clearRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private notify(settled: Settled): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve(settled);
  }
}
