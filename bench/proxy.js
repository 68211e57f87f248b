// The TCP proxy's own cost and the latency toxic's accuracy, same run, trials interleaved:
// - throughput and p99 of GET / on bare-app, autocannon (10 connections) direct vs through the proxy
//   with no toxic (goal: ≥ 0.9× throughput, p99 within +1 ms);
// - the prober's p50 (fresh connections every 10 ms) through the proxy with no toxic vs a 100 ms
//   latency toxic (goal: +100 ± 5 ms).
// BENCH_SECONDS (default 5) sets each trial's length, BENCH_TRIALS (default 3) the number of pairs.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startProber } from '../dist/load/index.js';
import { freePort, percentile, round } from './lib/floor.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));
const PROXY = fileURLToPath(new URL('./lib/proxy-child.js', import.meta.url));

/** Starts a child and waits for its first message (or its "listening" line for the app). */
function start(file, args, env = {}) {
  const child = fork(file, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const first = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.stdout.on('data', (c) => String(c).includes('listening') && resolve(null));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was up`)));
  });
  return { child, first };
}

function stop(child) {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  return gone.finally(() => clearTimeout(timer));
}

async function load(port) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: SECONDS });
  return { rps: result['2xx'] / result.duration, p99_ms: result.latency.p99 };
}

async function probeP50(port) {
  const controller = new AbortController();
  const prober = startProber({
    url: `http://127.0.0.1:${port}/`,
    spec: { path: '/', interval_ms: 10, timeout_ms: 1000 },
    signal: controller.signal,
  });
  await new Promise((resolve) => setTimeout(resolve, Math.min(SECONDS, 3) * 1000));
  const samples = await prober.stop();
  return percentile(
    samples.filter((s) => s.ok).map((s) => s.t_end - s.t_start),
    50,
  );
}

function setToxic(proxy, toxic) {
  return new Promise((resolve) => {
    proxy.once('message', resolve);
    proxy.send({ toxic });
  });
}

const appPort = await freePort();
const app = start(APP, [], { PORT: String(appPort) });
await app.first;
const proxy = start(PROXY, [String(appPort)]);
const { port: proxyPort } = await proxy.first;
try {
  const direct = [];
  const proxied = [];
  const plain = [];
  const delayed = [];
  // one short untimed load first, so neither side is measured while the app's JIT warms up
  await autocannon({ url: `http://127.0.0.1:${appPort}/`, connections: 10, duration: 1 });
  for (let i = 0; i < TRIALS; i++) {
    direct.push(await load(appPort));
    proxied.push(await load(proxyPort));
    plain.push(await probeP50(proxyPort));
    await setToxic(proxy.child, { toxic: 'latency', latency: 100, jitter: 0, stream: 'downstream' });
    delayed.push(await probeP50(proxyPort));
    await setToxic(proxy.child, null);
  }
  const median = (xs) => percentile(xs, 50);
  const rpsRatio = median(proxied.map((p) => p.rps)) / median(direct.map((d) => d.rps));
  const p99Delta = median(proxied.map((p) => p.p99_ms)) - median(direct.map((d) => d.p99_ms));
  const added = median(delayed) - median(plain);
  console.log(
    JSON.stringify({
      target:
        'GET / on bare-app: direct vs through resilab TCP proxy (own process); prober p50 with a 100 ms latency toxic',
      trials: TRIALS,
      seconds: SECONDS,
      direct_rps: Math.round(median(direct.map((d) => d.rps))),
      proxied_rps: Math.round(median(proxied.map((p) => p.rps))),
      throughput_ratio: Math.round(rpsRatio * 100) / 100,
      throughput_goal_met: rpsRatio >= 0.9,
      p99_direct_ms: median(direct.map((d) => d.p99_ms)),
      p99_proxied_ms: median(proxied.map((p) => p.p99_ms)),
      p99_delta_ms: round(p99Delta),
      p99_goal_met: p99Delta <= 1,
      probe_p50_no_toxic_ms: round(median(plain)),
      probe_p50_latency_100_ms: round(median(delayed)),
      latency_added_ms: round(added),
      latency_goal_met: Math.abs(added - 100) <= 5,
      runs: { direct, proxied, probe_p50_plain: plain.map(round), probe_p50_latency: delayed.map(round) },
    }),
  );
} finally {
  proxy.child.disconnect();
  await Promise.all([stop(proxy.child), stop(app.child)]);
}
