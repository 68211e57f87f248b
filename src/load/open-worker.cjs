// @ts-check
// The open model's worker thread: arrivals on the clock (schedule.cjs), each sent on undici's Pool,
// never delayed. An arrival due while every one of `maxConnections` is busy is dropped and counted:
// a real user would not have waited politely for the load generator. Each response carries two
// latencies: from its scheduled time (what the user waited) and from its send, the moment it went on
// a connection (what the server took; connecting is the user's wait, not the server's work).
// Plain CommonJS so it loads from src/ (vitest) and dist/ alike; protocol.ts holds its types.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const { build } = require('hdr-histogram-js');
const { Pool } = require('undici');
const { arrivalTime, segments } = require('./schedule.cjs');

/** Same clock as src/clock.ts: epoch ms with a fraction (the origin read once: it is called per request). */
const ORIGIN = performance.timeOrigin;
const now = () => ORIGIN + performance.now();

/** @type {import('./protocol.js').WorkerInput} */
const input = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** undici's error codes → the codes buckets.ts classifies (resets, timeouts, refused, other). */
const CODES = /** @type {Record<string, string>} */ ({
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
});

/** @type {number[]} t, status, latency from the schedule, latency from the send; … */
let responses = [];
/** @type {[number, string][]} */
let errors = [];
/** @type {number[]} scheduled times of the arrivals */
let arrivals = [];
/** @type {number[]} scheduled times of the dropped arrivals */
let dropped = [];
const totals = { requests: 0, errors: 0, timeouts: 0, non2xx: 0, dropped: 0 };
/** How late each request left against its schedule (µs): the generator's own honesty figure. */
const lateness = build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  numberOfSignificantValueDigits: 2,
});
let inFlight = 0;
let stopped = false;

/** @param {import('./protocol.js').FromWorker} message */
function post(message) {
  port.postMessage(message);
}

/** Every arrival due before `upTo` is in the batch: a late tick must not leave a hole in a closed bucket. */
function flush() {
  const upTo = due === null || stopped ? now() : Math.min(now(), t0 + due);
  post({ kind: 'batch', upTo, responses, errors, arrivals, dropped });
  responses = [];
  errors = [];
  arrivals = [];
  dropped = [];
}

const url = new URL(input.url);
const pool = new Pool(url.origin, {
  connections: input.maxConnections,
  pipelining: 1,
  headersTimeout: input.timeoutMs,
  bodyTimeout: input.timeoutMs,
  connectTimeout: input.timeoutMs,
});
const path = `${url.pathname}${url.search}`;
const method = /** @type {import('undici').Dispatcher.HttpMethod} */ (input.method);

/** @param {number} scheduled epoch ms the arrival was due */
function send(scheduled) {
  inFlight += 1;
  totals.requests += 1;
  lateness.recordValue(Math.max(1, Math.round((now() - scheduled) * 1000)));
  // Until the request is on a connection (connected, its turn on it), the wait counts only from the schedule.
  let sent = now();
  let status = 0;
  let settled = false;
  const end = () => {
    settled = true;
    inFlight -= 1;
    if (stopped && inFlight === 0) finish();
  };
  pool.dispatch(
    { origin: url.origin, path, method },
    {
      onRequestStart() {
        sent = now();
      },
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData() {},
      onResponseEnd() {
        if (settled) return;
        const t = now();
        responses.push(t, status, t - scheduled, t - sent);
        if (status < 200 || status >= 300) totals.non2xx += 1;
        end();
      },
      onResponseError(_controller, error) {
        if (settled) return;
        const raw = String(/** @type {any} */ (error)?.code ?? error?.message ?? 'error');
        const code = CODES[raw] ?? raw;
        if (code === 'ETIMEDOUT') totals.timeouts += 1;
        totals.errors += 1;
        errors.push([now(), code]);
        end();
      },
    },
  );
}

const segs = segments(input.rate ?? 0, input.stages, input.durationMs);
const t0 = now();
let n = 0;
let due = arrivalTime(segs, 0);
/** @type {NodeJS.Timeout | undefined} */
let timer;

/** Sends every arrival due by now, then sleeps until the next one. */
function tick() {
  if (stopped) return;
  const elapsed = now() - t0;
  while (due !== null && due <= elapsed) {
    const scheduled = t0 + due;
    arrivals.push(scheduled);
    if (inFlight >= input.maxConnections) {
      dropped.push(scheduled);
      totals.dropped += 1;
    } else send(scheduled);
    n += 1;
    due = arrivalTime(segs, n);
  }
  if (due === null) return stop();
  timer = setTimeout(tick, Math.max(0, due - (now() - t0) - 0.5));
}

/** No new arrivals; done when the in-flight ones end (each ends by its timeout at the latest). */
function stop() {
  if (stopped) return;
  stopped = true;
  clearTimeout(timer);
  if (inFlight === 0) finish();
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  clearInterval(flusher);
  flush();
  const late = (/** @type {number} */ p) => lateness.getValueAtPercentile(p) / 1000;
  const schedule = {
    lateness_p50_ms: late(50),
    lateness_p99_ms: late(99),
    lateness_max_ms: lateness.maxValue / 1000,
  };
  post({ kind: 'done', t: now(), totals: { ...totals, ...(lateness.totalCount > 0 ? schedule : {}) } });
  void pool.destroy().catch(() => {});
}

const flusher = setInterval(flush, input.flushMs);
post({ kind: 'start', t: t0 });
tick();

port.on('message', (/** @type {import('./protocol.js').ToWorker} */ message) => {
  if (message.kind === 'stop') stop();
});
