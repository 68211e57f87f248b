// One time axis for every process: epoch milliseconds with a fraction, so events from the
// supervisor, the load generator, the prober and the faults line up (DESIGN.md, Clocks).

/** `performance.timeOrigin + performance.now()`: monotonic within a process, comparable across processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
