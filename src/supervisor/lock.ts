// Operations on one instance (restart, stop, reload, memory restart) never interleave: each runs
// after the previous one settled, whatever its outcome.

/** A FIFO async mutex. */
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs fn once every operation queued before it has settled. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
