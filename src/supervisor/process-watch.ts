// What watches one live process besides its exit: the event-loop watchdog (heartbeat_timeout) and
// the HTTP health check (health_check), each started once, both stopped together. It routes the
// agent's answers to them and reports what they conclude; the lifetime decides what that means.
import type { AppConfig } from '../types.js';
import { HEALTH_PORT_TAG, HealthCheck, type Probe } from './health-check.js';
import { HEARTBEAT_TAG, Heartbeat } from './heartbeat.js';

/** What the watch reports to its process's lifetime. */
export interface WatchHooks {
  hung(sinceMs: number): void;
  unhealthy(failures: number, error: string): void;
  /** The first passing health check. */
  passed(): void;
  /** Whether health check failures count yet (once the process is up). */
  counting(): boolean;
}

/** The watchdog and the health check of one process, each optional (per the app's keys). */
export class ProcessWatch {
  #heartbeat: Heartbeat | null = null;
  #health: HealthCheck | null = null;
  #stopped = false;

  constructor(
    private readonly app: Pick<AppConfig, 'heartbeat_timeout' | 'health_check'>,
    private readonly send: (message: unknown) => void,
    private readonly hooks: WatchHooks,
    private readonly probe?: Probe,
  ) {}

  /** Starts the health check, and the watchdog once `up` (a boot may block its own loop). */
  start(up: boolean): void {
    if (this.#stopped) return;
    const { heartbeat_timeout, health_check } = this.app;
    if (heartbeat_timeout !== null && up && !this.#heartbeat) {
      this.#heartbeat = new Heartbeat(heartbeat_timeout, this.send, (since) => this.hooks.hung(since));
      this.#heartbeat.start();
    }
    if (health_check !== null && !this.#health) {
      this.#health = new HealthCheck(health_check, this.send, this.hooks, this.probe);
      this.#health.start();
    }
  }

  /** An agent message: true when it was the watchdog's or the health check's (consumed here). */
  message(message: unknown): boolean {
    const tagged = message as { resilab?: unknown; port?: unknown; error?: unknown } | null;
    if (!tagged || typeof tagged !== 'object') return false;
    if (tagged.resilab === HEARTBEAT_TAG) {
      this.#heartbeat?.answer();
      return true;
    }
    if (tagged.resilab === HEALTH_PORT_TAG) {
      const port = typeof tagged.port === 'number' ? tagged.port : null;
      this.#health?.portReply(port, typeof tagged.error === 'string' ? tagged.error : undefined);
      return true;
    }
    return false;
  }

  /** Stops both for good (the process is stopping, gone, or condemned). */
  stop(): void {
    this.#stopped = true;
    this.#heartbeat?.stop();
    this.#health?.stop();
  }
}
