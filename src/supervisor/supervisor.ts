// The built-in PM2-compatible supervisor, as a library: a typed EventEmitter over a private engine.
// `resilab runtime` and the daemon are thin shells around it.
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { AppConfig, InstanceEnv, InstanceInfo, SupervisorEvent } from '../types.js';
import { Engine } from './engine.js';
import { EventsFile } from './events-file.js';
import type { LogLine } from './log-router.js';

/** What a Supervisor is created with. */
export interface SupervisorOptions {
  /** $RESILAB_HOME: default log files go under <home>/logs. */
  home: string;
  /** A JSON-lines file that receives every event, or null. */
  eventsFile?: string | null;
}

/** The events a Supervisor emits. */
export interface SupervisorEvents {
  event: [SupervisorEvent];
  log: [LogLine];
}

/**
 * Starts apps in fork or cluster mode and keeps them up by PM2's rules (restart policy, memory
 * limit, graceful stop, rolling reload, `watch`). Targets are an app name, a global id as a string, or 'all'.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  readonly #engine: Engine;

  constructor(options: SupervisorOptions) {
    super();
    const file = options.eventsFile ? new EventsFile(options.eventsFile) : null;
    this.#engine = new Engine(
      options.home,
      {
        event: (event) => {
          file?.write(event);
          this.emit('event', event);
        },
        log: (line) => this.emit('log', line),
      },
      options.eventsFile ? [resolve(options.eventsFile)] : [],
    );
  }

  /** Resolves when every instance is listening/ready, its listen_timeout passed, or it errored. */
  start(apps: AppConfig[]): Promise<InstanceInfo[]> {
    return this.#engine.start(apps);
  }

  list(): InstanceInfo[] {
    return this.#engine.list();
  }

  /** A hard stop, then a start, of each targeted instance, one after another within an app; env (--update-env) applies to the new processes. */
  restart(target: string, env?: Record<string, string>): Promise<void> {
    return this.#engine.restart(target, env);
  }

  /** Rolling, zero-downtime in cluster mode; in fork mode the same as restart (two forked processes cannot share a port). */
  reload(target: string, env?: Record<string, string>): Promise<void> {
    return this.#engine.reload(target, env);
  }

  stop(target: string): Promise<void> {
    return this.#engine.stop(target);
  }

  /** Sets the restart counters of the targeted instances back to zero (PM2's `reset`). */
  reset(target: string): void {
    this.#engine.reset(target);
  }

  /** The env the targeted instances' processes get from the supervisor (PM2's `env <id>`). */
  env(target: string): InstanceEnv[] {
    return this.#engine.env(target);
  }

  /** Closes and reopens every log file, so files moved by logrotate are written anew (PM2's `reloadLogs`). */
  reloadLogs(): Promise<string[]> {
    return this.#engine.reloadLogs();
  }

  /** Stops and forgets the targeted instances. */
  delete(target: string): Promise<void> {
    return this.#engine.delete(target);
  }

  /** Adds or removes instances of one app (new ones get the next NODE_APP_INSTANCE numbers). */
  scale(app: string, instances: number): Promise<void> {
    return this.#engine.scale(app, instances);
  }

  /** Sends a signal to one instance's process (a fault, or a user's request). */
  signal(app: string, instance: number, signal: string): void {
    this.#engine.signal(app, instance, signal);
  }

  /** Stops everything gracefully, then resolves. */
  shutdown(): Promise<void> {
    return this.#engine.shutdown();
  }
}
