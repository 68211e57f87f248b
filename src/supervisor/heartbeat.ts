// The event-loop watchdog, supervisor side: a small message to the agent every period, answered
// from the app's own event loop. A process whose loop never comes back (an endless loop, a deadlock
// on a sync call, SIGSTOP) keeps its pid and its port but stops answering: heartbeat_timeout with no
// answer makes it hung. A busy but live loop (a 20 ms request after another) answers between them.
import { now } from '../clock.js';

/** What the supervisor sends and the agent echoes: `{ resilab: 'heartbeat', n }`. */
export const HEARTBEAT_TAG = 'heartbeat';

/**
 * How often to ask: a tenth of the timeout, between 10 and 250 ms. The last answer before a hang is
 * then at most a period old, so a hang is declared between timeout − period and timeout after it.
 */
export function heartbeatPeriod(timeoutMs: number): number {
  return Math.min(250, Math.max(10, Math.round(timeoutMs / 10)));
}

/** Asks every period; calls hung(since_ms) once when no answer came for timeoutMs. */
export class Heartbeat {
  #last = 0;
  #n = 0;
  #ticker: NodeJS.Timeout | null = null;
  #deadline: NodeJS.Timeout | null = null;
  #done = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly send: (message: { resilab: string; n: number }) => void,
    private readonly hung: (sinceMs: number) => void,
  ) {}

  /** Starts asking; the timeout counts from now. */
  start(): void {
    if (this.#ticker || this.#done) return;
    this.#last = now();
    this.#ask();
    this.#ticker = setInterval(() => this.#ask(), heartbeatPeriod(this.timeoutMs));
    this.#ticker.unref();
    this.#arm();
  }

  /** An answer arrived: the loop is alive; the timeout counts again from now. */
  answer(): void {
    if (this.#done) return;
    this.#last = now();
    this.#arm();
  }

  /** Stops for good (the process is stopping, exited, or was declared hung). */
  stop(): void {
    this.#done = true;
    if (this.#ticker) clearInterval(this.#ticker);
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#ticker = null;
    this.#deadline = null;
  }

  #ask(): void {
    this.#n += 1;
    this.send({ resilab: HEARTBEAT_TAG, n: this.#n });
  }

  #arm(delay = this.timeoutMs): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = setTimeout(() => this.#expire(), delay);
    this.#deadline.unref();
  }

  /**
   * The deadline passed. Timers run before I/O in a loop turn, so when the supervisor itself was
   * blocked, an answer may be waiting unread: look once more after the I/O phase (setImmediate).
   */
  #expire(): void {
    setImmediate(() => {
      if (this.#done) return;
      const since = now() - this.#last;
      if (since < this.timeoutMs) return this.#arm(this.timeoutMs - since);
      this.stop();
      this.hung(since);
    });
  }
}
