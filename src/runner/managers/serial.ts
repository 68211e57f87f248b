// A manager carries out one command at a time, in order, as resilab's own supervisor does: a second
// reload never starts while the first runs (PM2 would refuse it, a hand-written primary would mix them).

/** A FIFO queue of async operations: each starts once the one before it has settled. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs fn after every operation queued before it, whatever their outcome. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
