// An editor's save is a burst of events (write, rename, chmod): a watch restarts once per burst,
// after a quiet period, and at the latest maxWait after the burst began (a file written non-stop).

/** Quiet time after the last change before the restart (ms). */
export const WATCH_QUIET_MS = 250;
/** The longest a burst may delay its restart (ms). */
export const WATCH_MAX_WAIT_MS = 2000;

/** A burst so far: when it began, its last change, the first path and how many changes. */
export interface Burst {
  first_t: number;
  last_t: number;
  path: string;
  changes: number;
}

/** Adds one change to a burst (pure): the first path names the burst. */
export function addChange(burst: Burst | null, path: string, t: number): Burst {
  if (!burst) return { first_t: t, last_t: t, path, changes: 1 };
  return { ...burst, last_t: t, changes: burst.changes + 1 };
}

/** When the burst is over (pure): quiet after its last change, capped at maxWait after its first. */
export function burstDue(burst: Burst, quietMs: number, maxWaitMs: number): number {
  return Math.min(burst.last_t + quietMs, burst.first_t + maxWaitMs);
}

/** Collects changes and calls fire(burst) once per burst; the timer never keeps the process alive. */
export class Debounce {
  private burst: Burst | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fire: (burst: Burst) => void,
    private readonly clock: () => number = () => performance.now(),
    private readonly quietMs = WATCH_QUIET_MS,
    private readonly maxWaitMs = WATCH_MAX_WAIT_MS,
  ) {}

  add(path: string): void {
    this.burst = addChange(this.burst, path, this.clock());
    this.arm();
  }

  /** Drops a pending burst (the watch is closing). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.burst = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const burst = this.burst;
    if (!burst) return;
    const delay = Math.max(0, burstDue(burst, this.quietMs, this.maxWaitMs) - this.clock());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.burst = null;
      this.fire(burst);
    }, delay);
    this.timer.unref();
  }
}
