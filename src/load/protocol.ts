// The typed, tagged messages between runLoad (main thread) and the autocannon worker thread.
// The worker is plain CommonJS (worker.cjs); these types are its contract, checked on both sides.

/** What the worker needs to run one load phase (workerData). */
export interface WorkerInput {
  url: string;
  method: string;
  connections: number;
  pipelining: number;
  durationMs: number;
  /** Requests/s over all connections, or null for as fast as possible. */
  rate: number | null;
  timeoutMs: number;
  /** How often the worker posts a batch of samples. */
  flushMs: number;
}

/** autocannon's own totals, kept for honesty (its `errors` counts reconnect attempts). */
export interface LoadTotals {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Main → worker. */
export type ToWorker = { kind: 'stop' };

/** Worker → main. `responses` is flat: t, status, latency, t, status, latency, … */
export type FromWorker =
  | { kind: 'start'; t: number }
  | { kind: 'batch'; upTo: number; responses: number[]; errors: [number, string][] }
  | { kind: 'done'; t: number; totals: LoadTotals }
  | { kind: 'failed'; message: string };
