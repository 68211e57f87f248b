// runLoad: one bounded load phase in a worker thread, bucketed live on the main thread. The load
// model picks the worker: autocannon (closed, worker.cjs) or arrivals on the clock on raw keep-alive
// sockets (open, open-worker.cjs). Both are plain CommonJS next to this file, so the same URL works from
// src/ under vitest and from dist/ after the build.
import { Worker } from 'node:worker_threads';
import { now } from '../clock.js';
import type { EpochMs, LoadBucket, LoadSpec } from '../types.js';
import type { FromWorker, LoadTotals, ToWorker, WorkerInput } from './protocol.js';
import { arrivalsBefore, segments } from './schedule.cjs';
import { createBucketStream, decodeBatch } from './stream.js';
import { loopbackUrl } from './target.js';

const WORKERS = {
  closed: new URL('./worker.cjs', import.meta.url),
  open: new URL('./open-worker.cjs', import.meta.url),
} as const;
/** The open model's most requests in flight when the spec does not say (the schema's default). */
export const DEFAULT_MAX_CONNECTIONS = 100;
/** How often the worker posts samples: small enough for live progress, large enough to stay cheap. */
const FLUSH_MS = 50;
/** After the planned end (or a stop), how long the worker may take to finish before it is terminated. */
const FINISH_GRACE_MS = 5000;
/** autocannon refuses a request timeout under one second. */
export const MIN_TIMEOUT_MS = 1000;
/** Open model: a schedule lateness p99 above this is worth a warning. */
export const LATE_WARNING_MS = 10;
/** Mean CPU of the load process, in % of one core, from which the generator may be the bottleneck. */
export const CPU_SATURATED_PCT = 90;

/** What runLoad needs; spec is the scenario's load section. */
export interface LoadOptions {
  url: string;
  spec: LoadSpec;
  /** Overrides spec.duration_ms (the runner uses it for warm-up). */
  durationMs?: number;
  bucketMs: number;
  /** Aborting stops the load early; the promise resolves with what was measured. */
  signal?: AbortSignal;
  onBucket?: (bucket: LoadBucket) => void;
}

/** What one load phase measured. */
export interface LoadResult {
  t_start: EpochMs;
  t_end: EpochMs;
  buckets: LoadBucket[];
  totals: LoadTotals;
  cpu_pct_mean: number | null;
  cpu_saturated: boolean;
  aborted: boolean;
  /** What the load could not do as asked (e.g. a timeout raised to autocannon's minimum). */
  warnings: string[];
}

function cpuPercent(start: NodeJS.CpuUsage, wallMs: number): number | null {
  if (!(wallMs > 0)) return null;
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / wallMs) * 100;
}

/** Runs the spec's load model against url for its duration; never outlives duration + a grace period. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { spec, bucketMs, signal, onBucket } = options;
  const durationMs = options.durationMs ?? spec.duration_ms;
  const empty: LoadTotals = { requests: 0, errors: 0, timeouts: 0, non2xx: 0 };
  const warnings: string[] = [];
  const model = spec.model ?? 'closed';
  if (model === 'closed' && spec.timeout_ms < MIN_TIMEOUT_MS) {
    warnings.push(
      `load.timeout: ${spec.timeout_ms} ms is below autocannon's minimum, ${MIN_TIMEOUT_MS} ms was used`,
    );
  }
  if (signal?.aborted) {
    const t = now();
    const result = { t_start: t, t_end: t, buckets: [], totals: empty, cpu_pct_mean: null, warnings };
    return Promise.resolve({ ...result, cpu_saturated: false, aborted: true });
  }
  const input: WorkerInput = {
    url: loopbackUrl(options.url),
    method: spec.method,
    connections: spec.connections,
    pipelining: spec.pipelining,
    durationMs,
    rate: spec.rate,
    timeoutMs: model === 'closed' ? Math.max(MIN_TIMEOUT_MS, spec.timeout_ms) : spec.timeout_ms,
    flushMs: FLUSH_MS,
    stages: spec.stages ?? [],
    maxConnections: spec.max_connections ?? DEFAULT_MAX_CONNECTIONS,
  };
  const open = model === 'open';
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKERS[model], { workerData: input });
    const cpuStart = process.cpuUsage();
    let tStart = now();
    // The open model's offered arrivals come from the schedule, up to what the worker says was due.
    const segs = segments(input.rate ?? 0, input.stages, durationMs);
    let arrived = 0;
    const arrivedBefore = (t: EpochMs) => Math.min(arrived, arrivalsBefore(segs, tStart, t));
    const newStream = () => createBucketStream(tStart, bucketMs, open, open ? arrivedBefore : undefined);
    let stream = newStream();
    let aborted = false;
    let settled = false;
    const emit = (buckets: LoadBucket[]) => {
      for (const bucket of buckets) onBucket?.(bucket);
    };
    // The open model ends by letting its in-flight requests finish, each within its timeout.
    const grace = Math.max(FINISH_GRACE_MS, input.timeoutMs + FINISH_GRACE_MS / 5);
    let watchdog = setTimeout(() => finish(now(), empty), durationMs + grace);
    const stop = () => {
      aborted = true;
      worker.postMessage({ kind: 'stop' } satisfies ToWorker);
      clearTimeout(watchdog);
      watchdog = setTimeout(() => finish(now(), empty), grace);
    };
    signal?.addEventListener('abort', stop, { once: true });

    // The first end wins: done, the worker's exit, the watchdog or a failure.
    function settle(): boolean {
      if (settled) return false;
      settled = true;
      clearTimeout(watchdog);
      signal?.removeEventListener('abort', stop);
      void worker.terminate();
      return true;
    }
    function fail(error: Error): void {
      if (settle()) reject(error);
    }
    function finish(tEnd: EpochMs, totals: LoadTotals): void {
      if (!settle()) return;
      const late = totals.lateness_p99_ms;
      if (late !== undefined && late > LATE_WARNING_MS)
        warnings.push(
          `the open model's schedule ran late (p99 ${late.toFixed(1)} ms): the load generator was short of CPU, and latency from the schedule includes its delay`,
        );
      emit(stream.finish(tEnd));
      // The generator thread's own CPU where the worker could read it: the runner's main thread
      // (prober, a proxy in front of the app) and GC helpers never make the generator look saturated.
      const cpu =
        totals.cpu_ms !== undefined && tEnd > tStart
          ? (totals.cpu_ms / (tEnd - tStart)) * 100
          : cpuPercent(cpuStart, tEnd - tStart);
      resolve({
        t_start: tStart,
        t_end: tEnd,
        buckets: [...stream.buckets],
        totals,
        cpu_pct_mean: cpu,
        cpu_saturated: cpu !== null && cpu >= CPU_SATURATED_PCT,
        aborted,
        warnings,
      });
    }

    worker.on('message', (message: FromWorker) => {
      if (settled) return;
      if (message.kind === 'start') {
        tStart = message.t;
        stream = newStream();
      } else if (message.kind === 'batch') {
        arrived = message.arrived ?? arrived;
        emit(stream.push(decodeBatch(message), message.upTo));
      } else if (message.kind === 'done') {
        finish(message.t, message.totals);
      } else {
        fail(new Error(`load generator failed: ${message.message}`));
      }
    });
    worker.on('error', fail);
    worker.on('exit', () => finish(now(), empty));
  });
}
