// @ts-check
// The open model's worker thread: arrivals on the clock (schedule.cjs), each sent on a connection of
// open-client.cjs (raw keep-alive sockets), never delayed. An arrival due while every one of
// `maxConnections` is busy is dropped and counted: a real user would not have waited politely for the
// load generator. Each response carries two latencies: from its scheduled time (what the user waited)
// and from its send, the moment it went on a connection (what the server took; connecting is the
// user's wait, not the server's work). Results go to the main thread in batches; the arrivals
// themselves are not posted (the main thread knows the schedule), only how many were due.
// Plain CommonJS so it loads from src/ (vitest) and dist/ alike; protocol.ts holds its types.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const { build } = require('hdr-histogram-js');
const { OpenClient, now } = require('./open-client.cjs');
const { arrivalTime, segments } = require('./schedule.cjs');
const { threadCpuMs } = require('./thread-cpu.cjs');

/** @type {import('./protocol.js').WorkerInput} */
const input = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @type {number[]} t, status, latency from the schedule, latency from the send; … */
let responses = [];
/** @type {[number, string][]} */
let errors = [];
/** @type {number[]} scheduled times of the dropped arrivals */
let dropped = [];
const totals = { requests: 0, errors: 0, timeouts: 0, non2xx: 0, dropped: 0 };
/** How late each request left against its schedule (µs): the generator's own honesty figure. */
const lateness = build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  numberOfSignificantValueDigits: 2,
});
let stopped = false;

const cpuStart = threadCpuMs();

/** @param {import('./protocol.js').FromWorker} message */
function post(message) {
  port.postMessage(message);
}

/** Every arrival due before `upTo` is counted in `arrived`: a late tick must not leave a hole in a closed bucket. */
function flush() {
  const upTo = due === null || stopped ? now() : Math.min(now(), t0 + due);
  post({ kind: 'batch', upTo, responses, errors, arrived: n, dropped });
  responses = [];
  errors = [];
  dropped = [];
}

const client = new OpenClient(input, {
  response(scheduled, sent, status) {
    const t = now();
    responses.push(t, status, t - scheduled, t - sent);
    if (status < 200 || status >= 300) totals.non2xx += 1;
    if (stopped && client.inFlight === 0) finish();
  },
  failure(_scheduled, code) {
    if (code === 'ETIMEDOUT') totals.timeouts += 1;
    totals.errors += 1;
    errors.push([now(), code]);
    if (stopped && client.inFlight === 0) finish();
  },
});

const segs = segments(input.rate ?? 0, input.stages, input.durationMs);
const t0 = now();
let n = 0;
let due = arrivalTime(segs, 0);
/** @type {NodeJS.Timeout | undefined} */
let timer;

/** Sends every arrival due by now, then sleeps until the next one (timers fire at 1 ms at best). */
function tick() {
  if (stopped) return;
  const t = now();
  const elapsed = t - t0;
  while (due !== null && due <= elapsed) {
    const scheduled = t0 + due;
    if (client.send(scheduled)) {
      totals.requests += 1;
      lateness.recordValue(Math.max(1, Math.round((t - scheduled) * 1000)));
    } else {
      dropped.push(scheduled);
      totals.dropped += 1;
    }
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
  if (client.inFlight === 0) finish();
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  clearInterval(flusher);
  flush();
  client.close();
  const late = (/** @type {number} */ p) => lateness.getValueAtPercentile(p) / 1000;
  const schedule = {
    lateness_p50_ms: late(50),
    lateness_p99_ms: late(99),
    lateness_max_ms: lateness.maxValue / 1000,
  };
  const cpuEnd = threadCpuMs();
  const cpu = cpuStart !== null && cpuEnd !== null ? { cpu_ms: cpuEnd - cpuStart } : {};
  post({
    kind: 'done',
    t: now(),
    totals: { ...totals, ...(lateness.totalCount > 0 ? schedule : {}), ...cpu },
  });
}

const flusher = setInterval(flush, input.flushMs);
post({ kind: 'start', t: t0 });
tick();

port.on('message', (/** @type {import('./protocol.js').ToWorker} */ message) => {
  if (message.kind === 'stop') stop();
});
