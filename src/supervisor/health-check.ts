// The per-instance HTTP health check. Through the shared port the cluster balancer would pick the
// worker and hide a sick one, so the agent opens a private loopback port per process that hands its
// connections to the app's own server; the supervisor GETs health_check.path there, every interval.
import type { HealthCheckConfig } from '../types.js';

/** The agent's reply to `{ resilab: 'health-port' }`: its private port, or null and why not. */
export const HEALTH_PORT_TAG = 'health-port';

/** Before the first pass and before the process is up (gate_ready), a failed check is retried this soon. */
export const GATE_RETRY_MS = 50;

/** One check: resolves null when it passed, or the reason it failed. */
export type Probe = (port: number, path: string, timeoutMs: number) => Promise<string | null>;

/** GET on a fresh loopback connection: 2xx and 3xx pass (as Kubernetes' httpGet probe). node:http
 * is imported on the first check: a supervisor whose apps have none does not carry it (RSS). */
export const httpProbe: Probe = async (port, path, timeoutMs) => {
  const { request } = await import('node:http');
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400 ? null : `GET ${path} answered ${status}`);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(`GET ${path}: ${error.message}`));
    req.end();
  });
};

/** What the check reports to its process's lifetime. */
export interface HealthHooks {
  /** The first check that passed (gate_ready: the process is up). */
  passed(): void;
  /** `failures` checks in a row failed while counting; the check has stopped. */
  unhealthy(failures: number, error: string): void;
  /** Whether a failure counts now (once the process is up; before, only a pass matters). */
  counting(): boolean;
}

/** Runs the checks of one process until stop() or unhealthy. */
export class HealthCheck {
  #port: number | null = null;
  #portWaiter: ((reply: { port: number | null; error?: string }) => void) | null = null;
  #failures = 0;
  #passed = false;
  #timer: NodeJS.Timeout | null = null;
  #done = false;
  #started = false;

  constructor(
    private readonly spec: HealthCheckConfig,
    private readonly send: (message: { resilab: string }) => void,
    private readonly hooks: HealthHooks,
    private readonly probe: Probe = httpProbe,
  ) {}

  /** Starts with a check now. */
  start(): void {
    if (this.#started || this.#done) return;
    this.#started = true;
    void this.#round();
  }

  /** The agent's reply about its private port. */
  portReply(port: number | null, error?: string): void {
    const waiter = this.#portWaiter;
    this.#portWaiter = null;
    waiter?.({ port, error });
  }

  stop(): void {
    this.#done = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.portReply(null, 'stopped');
  }

  async #round(): Promise<void> {
    const started = performance.now();
    const error = await this.#check();
    if (this.#done) return;
    if (error === null) {
      this.#failures = 0;
      if (!this.#passed) {
        this.#passed = true;
        this.hooks.passed();
      }
    } else if (this.hooks.counting()) {
      this.#failures += 1;
      if (this.#failures >= this.spec.failures) {
        this.stop();
        return this.hooks.unhealthy(this.#failures, error);
      }
    }
    const waiting = !this.#passed && !this.hooks.counting();
    const every = waiting ? Math.min(this.spec.interval, GATE_RETRY_MS) : this.spec.interval;
    this.#timer = setTimeout(() => void this.#round(), Math.max(0, every - (performance.now() - started)));
    this.#timer.unref();
  }

  async #check(): Promise<string | null> {
    if (this.#port === null) {
      const reply = await this.#askPort();
      if (reply.port === null) return reply.error ?? 'no private health port';
      this.#port = reply.port;
    }
    return this.probe(this.#port, this.spec.path, this.spec.timeout);
  }

  /** Asks the agent for its private port; no reply within the check's timeout is a failure. */
  #askPort(): Promise<{ port: number | null; error?: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.portReply(null, `the agent gave no health port within ${this.spec.timeout} ms`),
        this.spec.timeout,
      );
      this.#portWaiter = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.send({ resilab: HEALTH_PORT_TAG });
    });
  }
}
