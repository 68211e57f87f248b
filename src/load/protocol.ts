// The typed, tagged messages between runLoad (main thread) and the load worker thread: autocannon
// (worker.cjs, the closed model) or raw keep-alive sockets on a schedule (open-worker.cjs, the open model).
// The workers are plain CommonJS; these types are their contract, checked on both sides.
import type { LoadStage } from '../types.js';

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
  /** Open model: the ramps after `rate`, and the most requests in flight. */
  stages: LoadStage[];
  maxConnections: number;
}

/** The generator's own totals, kept for honesty (autocannon's `errors` counts reconnect attempts). */
export interface LoadTotals {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Open model: arrivals dropped because every connection was busy. */
  dropped?: number;
  /** Open model: how late requests left against their schedule (ms): the generator's own delay. */
  lateness_p50_ms?: number;
  lateness_p99_ms?: number;
  lateness_max_ms?: number;
  /** The generator thread's own CPU time (ms), where the system shows it (/proc/thread-self). */
  cpu_ms?: number;
}

/** Main → worker. */
export type ToWorker = { kind: 'stop' };

/**
 * Worker → main. `responses` is flat: t, status, latency, service latency, t, … (the closed model has
 * no schedule: both latencies are from the send). Open model only: `arrived` is how many arrivals of
 * the schedule were due so far (every one before `upTo`), `dropped` the scheduled times of those dropped.
 */
export type FromWorker =
  | { kind: 'start'; t: number }
  | {
      kind: 'batch';
      upTo: number;
      responses: number[];
      errors: [number, string][];
      arrived?: number;
      dropped?: number[];
    }
  | { kind: 'done'; t: number; totals: LoadTotals }
  | { kind: 'failed'; message: string };
