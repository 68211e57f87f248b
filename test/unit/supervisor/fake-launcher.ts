// A Launcher whose processes are plain objects the test drives: online, listening, messages, exit.
// Fork-shaped children speak through the agent's messages (routed as child.ts routes them),
// cluster-shaped ones through the worker's own online/listening events, as the real ones do.
import { vi } from 'vitest';
import { now } from '../../../src/clock.js';
import { routeMessage } from '../../../src/supervisor/child.js';
import type { Probe } from '../../../src/supervisor/health-check.js';
import { Instance, type InstanceSink } from '../../../src/supervisor/instance.js';
import type { ChildHandlers, Launcher, ManagedChild } from '../../../src/supervisor/launcher.js';
import type { AppConfig, SupervisorEvent } from '../../../src/types.js';
import { appConfig } from '../../helpers/app-config.js';

/** How a fake process answers the polite stop request. */
export type StopBehaviour = 'exits' | 'ignores';

/** One fake process: what it was sent, and methods to make it act. */
export class FakeChild implements ManagedChild {
  readonly startedAt = now();
  readonly sent: unknown[] = [];
  readonly signals: NodeJS.Signals[] = [];
  disconnected = false;
  exited = false;
  /** False once hung: no heartbeat answer, no health answer, deaf to everything but SIGKILL. */
  responsive = true;
  /** What its health route answers while responsive. */
  healthy = true;

  constructor(
    readonly pid: number,
    readonly app: AppConfig,
    readonly env: Record<string, string>,
    private readonly on: ChildHandlers,
    public onStop: StopBehaviour,
  ) {}

  /** The process runs its code (cluster: the worker's 'online'; fork: the agent's message). */
  online(): this {
    if (this.app.exec_mode === 'cluster') this.on.online();
    else routeMessage({ resilab: 'online' }, this.on);
    return this;
  }

  /** The app's server listens. */
  listen(port = 3000): this {
    if (this.app.exec_mode === 'cluster') this.on.listening({ address: '127.0.0.1', port });
    else routeMessage({ resilab: 'listening', address: '127.0.0.1', port }, this.on);
    return this;
  }

  /** The app calls process.send('ready'). */
  ready(): this {
    routeMessage('ready', this.on);
    return this;
  }

  /** The process ends. */
  exit(code: number | null, signal: string | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.on.exit(code, signal);
    this.on.outputEnd();
  }

  /** Its event loop never comes back (an endless loop, SIGSTOP). */
  hang(): this {
    this.responsive = false;
    return this;
  }

  send(message: unknown): void {
    this.sent.push(message);
    const tag = (message as { resilab?: string } | null)?.resilab;
    if (tag === 'heartbeat' && this.responsive) queueMicrotask(() => routeMessage(message, this.on));
    if (tag === 'health-port' && this.responsive)
      queueMicrotask(() => routeMessage({ resilab: 'health-port', port: this.pid }, this.on));
    if (message === 'shutdown' && this.onStop === 'exits') queueMicrotask(() => this.exit(0));
  }

  disconnect(): void {
    this.disconnected = true;
  }

  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (signal === 'SIGKILL') queueMicrotask(() => this.exit(null, 'SIGKILL'));
    else if (this.onStop === 'exits' && this.responsive) queueMicrotask(() => this.exit(null, signal));
  }

  descendants(): number[] {
    return [];
  }
}

/** Hands out FakeChild processes and keeps them, newest last. */
export class FakeLauncher implements Launcher {
  readonly children: FakeChild[] = [];
  /** How the next processes answer a stop. */
  onStop: StopBehaviour = 'exits';
  private nextPid = 100_000;

  /** The health check on a fake: the child whose pid is the port answers, unless it hangs. */
  readonly probe: Probe = (port, path, timeoutMs) => {
    const child = this.children.find((c) => c.pid === port);
    if (!child || child.exited) return Promise.resolve(`GET ${path}: connect ECONNREFUSED`);
    if (!child.responsive)
      return new Promise((resolve) =>
        setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs),
      );
    return Promise.resolve(child.healthy ? null : `GET ${path} answered 500`);
  };

  launch(app: AppConfig, _instance: number, env: Record<string, string>, on: ChildHandlers): FakeChild {
    const child = new FakeChild(this.nextPid++, app, { ...env }, on, this.onStop);
    this.children.push(child);
    return child;
  }

  /** The newest process (throws when none was launched). */
  get last(): FakeChild {
    const child = this.children.at(-1);
    if (!child) throw new Error('no process was launched');
    return child;
  }
}

/** One instance on a fake launcher, with every event and every state move it reported. */
export function harness(over: Partial<AppConfig> = {}) {
  const launcher = new FakeLauncher();
  const events: SupervisorEvent[] = [];
  const moves: string[] = [];
  const sink: InstanceSink = {
    event: (e) => events.push(e),
    output: () => undefined,
    outputEnd: () => undefined,
    note: () => undefined,
    moved: (_i, from, to) => moves.push(`${from}→${to}`),
  };
  const instance = new Instance(appConfig('app.js', over), 0, 0, sink, launcher);
  /** The event types so far, optionally only those about one pid. */
  const types = (pid?: number) =>
    events.filter((e) => e.type !== 'event-loop' && (pid === undefined || e.pid === pid)).map((e) => e.type);
  /** Runs fn inside the instance's lock, as the engine does. */
  const locked = <T>(fn: () => Promise<T> | T) => instance.lock.run(async () => fn());
  return { launcher, events, moves, instance, types, locked };
}

/** Lets queued promise callbacks and due fake timers run. */
export const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
