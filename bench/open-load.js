// The open model's load generator (arrivals on the clock, raw keep-alive sockets, in a worker thread) measured
// against autocannon's closed model on the same bare app (sample-apps/http-app.js), in one run:
//   1. ceiling: autocannon's throughput with N connections, then the open model at a rate just under
//      it (0.9×): goal served ≥ 0.8 × autocannon's, dropped < 1 %;
//   2. accuracy: 1,000 req/s for 10 s: achieved within 2 %, schedule lateness p99 < 5 ms;
//   3. a server paused 500 ms (SIGSTOP): the open model's latency p99 (from the schedule) shows the
//      pause, the closed model's does not (coordinated omission): both printed.
// Run `npm run build` first; it imports ../dist.
//   node bench/open-load.js [--duration 5s] [--accuracy 10s] [--connections 20] [--max-connections 100] [--rate-share 0.9] [--quick]
// --max-connections sets the open model's connections in the ceiling run: drops that vanish with more
// of them came from the app's short stalls; drops that grow with them, with latency in hundreds of ms,
// mean the app itself fell behind at that rate. Either way `generator_cpu_us_per_request` (each
// generator thread's own CPU per request, from /proc/thread-self) says what the generator cost.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad } from '../dist/load/index.js';
import { mergeLatency } from '../dist/metrics/latency.js';
import { startBareApp } from './harness.js';

const round = (x, digits = 1) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const ms = (text) => Number.parseFloat(text) * (text.endsWith('ms') ? 1 : 1000);

function spec(overrides) {
  return {
    path: '/',
    method: 'GET',
    connections: 20,
    duration_ms: 5000,
    warmup_ms: 0,
    pipelining: 1,
    rate: null,
    timeout_ms: 5000,
    ...overrides,
  };
}

/** A process's CPU time so far (user + system), ms, from /proc; null where /proc is missing. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** One load phase → served 2xx/s, dropped share, latency (merged from every bucket), lateness, and
 * what each request cost the app (its process CPU, when appPid is given). */
async function measure(url, loadSpec, onBucket, appPid) {
  const appBefore = appPid ? processCpuMs(appPid) : null;
  const result = await runLoad({ url, spec: loadSpec, bucketMs: 100, onBucket });
  const appAfter = appPid ? processCpuMs(appPid) : null;
  const ok = result.buckets.reduce((n, b) => n + b.ok_2xx, 0);
  const offered = result.buckets.reduce((n, b) => n + (b.offered ?? 0), 0);
  const dropped = result.totals.dropped ?? 0;
  const latency = mergeLatency(result.buckets, 'latency');
  return {
    rps: round(ok / (loadSpec.duration_ms / 1000), 0),
    ok_2xx: ok,
    offered: loadSpec.model === 'open' ? offered : null,
    dropped: loadSpec.model === 'open' ? dropped : null,
    dropped_pct: loadSpec.model === 'open' && offered > 0 ? round((dropped / offered) * 100, 2) : null,
    latency_p50_ms: round(latency?.p50),
    latency_p99_ms: round(latency?.p99),
    latency_max_ms: round(latency?.max),
    lateness_p99_ms: round(result.totals.lateness_p99_ms, 2),
    loadgen_cpu_pct: round(result.cpu_pct_mean, 0),
    // The generator thread's own CPU per request sent: the figure that survives a shared machine.
    generator_cpu_us_per_request:
      result.totals.cpu_ms !== undefined && result.totals.requests > 0
        ? round((result.totals.cpu_ms * 1000) / result.totals.requests, 0)
        : null,
    // The app's CPU per answered request: evenly spaced arrivals give it less to batch per turn of
    // its event loop than a closed model's back-to-back requests do.
    app_cpu_us_per_request:
      appBefore !== null && appAfter !== null && ok > 0
        ? round(((appAfter - appBefore) * 1000) / ok, 1)
        : null,
    warnings: result.warnings,
  };
}

/** Pauses the app for pauseMs once the load has run atMs (on its own buckets' clock). */
function pauser(child, atMs, pauseMs) {
  let first = null;
  let done = false;
  return (bucket) => {
    first ??= bucket.t_start;
    if (done || bucket.t_end - first < atMs) return;
    done = true;
    child.kill('SIGSTOP');
    setTimeout(() => child.kill('SIGCONT'), pauseMs);
  };
}

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5s' },
    accuracy: { type: 'string', default: '10s' },
    connections: { type: 'string', default: '20' },
    'max-connections': { type: 'string', default: '100' },
    'rate-share': { type: 'string', default: '0.9' },
    quick: { type: 'boolean', default: false },
  },
});
const durationMs = values.quick ? 2000 : ms(values.duration);
const accuracyMs = values.quick ? 3000 : ms(values.accuracy);
const connections = Number(values.connections);
const maxConnections = Number(values['max-connections']);
const rateShare = Number(values['rate-share']);
const PAUSE_MS = 500;

const app = await startBareApp();
try {
  await measure(app.url, spec({ duration_ms: 1000, connections })); // JIT warm-up, not reported
  // 1. The ceiling.
  const closed = await measure(
    app.url,
    spec({ duration_ms: durationMs, connections }),
    undefined,
    app.child.pid,
  );
  const rate = Math.max(1, Math.floor(closed.rps * rateShare));
  const open = await measure(
    app.url,
    spec({ model: 'open', rate, stages: [], max_connections: maxConnections, duration_ms: durationMs }),
    undefined,
    app.child.pid,
  );
  const ratio = open.rps / closed.rps;
  // 2. Accuracy at 1,000 req/s.
  const accuracy = await measure(
    app.url,
    spec({ model: 'open', rate: 1000, stages: [], max_connections: 100, duration_ms: accuracyMs }),
  );
  const achieved = accuracy.ok_2xx / (accuracyMs / 1000);
  // 3. A 500 ms pause, under each model (1,000 req/s open; autocannon's connections closed).
  const pauseSpec = { duration_ms: 3000 };
  const openPaused = await measure(
    app.url,
    spec({ model: 'open', rate: 1000, stages: [], max_connections: 1000, ...pauseSpec }),
    pauser(app.child, 1000, PAUSE_MS),
  );
  const closedPaused = await measure(
    app.url,
    spec({ connections, ...pauseSpec }),
    pauser(app.child, 1000, PAUSE_MS),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'open-load',
        target: 'GET / on sample-apps/http-app.js started by node directly',
        ceiling: {
          autocannon_closed_rps: closed.rps,
          open_rate: rate,
          open_max_connections: maxConnections,
          open_served_rps: open.rps,
          ratio: round(ratio, 3),
          dropped_pct: open.dropped_pct,
          // CPU per request of each generator's own thread (open / closed): survives a shared machine.
          generator_cpu_us_per_request: {
            closed: closed.generator_cpu_us_per_request,
            open: open.generator_cpu_us_per_request,
          },
          // The app's own CPU per answered request under each model: where the ceiling is when the
          // generator's thread is far from busy.
          app_cpu_us_per_request: {
            closed: closed.app_cpu_us_per_request,
            open: open.app_cpu_us_per_request,
          },
          rate_share: rateShare,
          goal: 'ratio >= 0.8 with < 1 % dropped',
          pass: ratio >= 0.8 && (open.dropped_pct ?? 100) < 1,
          runs: { closed, open },
        },
        accuracy: {
          rate: 1000,
          duration_ms: accuracyMs,
          achieved_rps: round(achieved, 1),
          error_pct: round(((achieved - 1000) / 1000) * 100, 2),
          lateness_p99_ms: accuracy.lateness_p99_ms,
          goal: 'achieved within 2 %, lateness p99 < 5 ms',
          pass: Math.abs(achieved - 1000) <= 20 && (accuracy.lateness_p99_ms ?? Infinity) < 5,
          run: accuracy,
        },
        pause_500ms: {
          open_latency_p99_ms: openPaused.latency_p99_ms,
          closed_latency_p99_ms: closedPaused.latency_p99_ms,
          open_dropped: openPaused.dropped,
          goal: 'the open p99 shows the pause (>= 250 ms), the closed p99 does not',
          pass:
            (openPaused.latency_p99_ms ?? 0) >= PAUSE_MS / 2 &&
            (closedPaused.latency_p99_ms ?? 0) < PAUSE_MS / 2,
          runs: { open: openPaused, closed: closedPaused },
        },
      },
      null,
      2,
    ),
  );
} finally {
  await app.stop();
}
