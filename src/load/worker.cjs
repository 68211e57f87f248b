// @ts-check
// The load generator's worker thread: runs autocannon so its tight loop never sits in the runner's
// event loop, and posts raw samples (responses and errors, timestamped here) in batches.
// Plain CommonJS so it loads from src/ (vitest) and dist/ alike; protocol.ts holds its types.
//
// autocannon 9 hides two things this lab must see (verified against sample-apps/http-app.js):
// - when the server dies (/crash), each keep-alive connection ends (FIN, or RST) with its request
//   in flight; on FIN autocannon reconnects silently and emits nothing for the lost request;
// - the lost request's start time stays queued, so the next response on the new connection is
//   matched to it (latency of seconds after any reconnect).
// So each client's connections are watched (setupClient): a connection that ends or errors with
// requests in flight reports them as lost (code EOF / ECONNRESET / …) and the stale queue is
// cleared, which also keeps autocannon's latency right. Requests written after the server announced
// `Connection: close` are not counted: a real client would not have sent them. A refused connect
// is one ECONNREFUSED per attempt. If autocannon's internals ever change, `reqError` is used instead.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require('autocannon');
const { threadCpuMs } = require('./thread-cpu.cjs');

/** Same clock as src/clock.ts: epoch ms with a fraction, valid in worker threads too. */
const now = () => performance.timeOrigin + performance.now();

/** @type {import('./protocol.js').WorkerInput} */
const input = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @type {number[]} */
let responses = [];
/** @type {[number, string][]} */
let errors = [];
let hooked = false;

/** @param {import('./protocol.js').FromWorker} message */
function post(message) {
  port.postMessage(message);
}

function flush() {
  post({ kind: 'batch', upTo: now(), responses, errors });
  responses = [];
  errors = [];
}

/**
 * Counts the requests a connection loses and clears autocannon's stale queue.
 * @param {any} client an autocannon httpClient
 * @param {string} code
 */
function connectionLost(client, code) {
  const t = now();
  if (code === 'ECONNREFUSED') errors.push([t, code]);
  else if (!client.resilabCloseAnnounced) {
    const inFlight = client.pipelinedRequests.size();
    for (let i = 0; i < inFlight; i++) errors.push([t, code]);
  }
  client.pipelinedRequests.clear();
}

/** @param {any} client an autocannon httpClient, before its first connection */
function watchConnections(client) {
  if (typeof client._connect !== 'function' || typeof client.pipelinedRequests?.size !== 'function') return;
  hooked = true;
  const connect = client._connect;
  client._connect = function resilabConnect() {
    client.resilabCloseAnnounced = false;
    connect.call(client);
    const conn = client.conn;
    // A connection that was already replaced has nothing of the current queue in flight.
    conn.prependListener('error', (/** @type {any} */ error) => {
      if (client.conn === conn) connectionLost(client, String(error?.code ?? error?.message ?? 'error'));
    });
    conn.prependListener('end', () => {
      if (client.conn === conn) connectionLost(client, 'EOF');
    });
  };
  client.on('headers', (/** @type {{ shouldKeepAlive?: boolean }} */ info) => {
    if (info.shouldKeepAlive === false) client.resilabCloseAnnounced = true;
  });
}

const timer = setInterval(flush, input.flushMs);
const cpuStart = threadCpuMs();
post({ kind: 'start', t: now() });
const rate = input.rate;
const instance = autocannon(
  {
    url: input.url,
    method: /** @type {any} */ (input.method),
    connections: input.connections,
    pipelining: input.pipelining,
    duration: input.durationMs / 1000,
    timeout: input.timeoutMs / 1000,
    sampleInt: 50,
    ...(rate ? { overallRate: rate, ignoreCoordinatedOmission: true } : {}),
    setupClient: watchConnections,
  },
  (error, result) => {
    clearInterval(timer);
    flush();
    if (error) return post({ kind: 'failed', message: String(error?.message ?? error) });
    const raw = /** @type {any} */ (result);
    const cpuEnd = threadCpuMs();
    const cpu = cpuStart !== null && cpuEnd !== null ? { cpu_ms: cpuEnd - cpuStart } : {};
    post({
      kind: 'done',
      t: now(),
      totals: {
        requests: Number(raw.totalCompletedRequests ?? raw.requests?.total ?? 0),
        errors: Number(raw.errors ?? 0),
        timeouts: Number(raw.timeouts ?? 0),
        non2xx: Number(raw.non2xx ?? 0),
        ...cpu,
      },
    });
  },
);

instance.on('response', (_client, status, _bytes, latency) => {
  responses.push(now(), status, latency, latency);
});
instance.on('reqError', (/** @type {any} */ error) => {
  const code = String(error?.code ?? error?.message ?? 'error');
  // Timeouts reach only reqError; connection errors are counted by the hook when it is in place.
  if (!hooked || code === 'request timed out') errors.push([now(), code]);
});

port.on('message', (/** @type {import('./protocol.js').ToWorker} */ message) => {
  if (message.kind === 'stop') instance.stop();
});
