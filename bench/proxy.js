// The TCP proxy's own cost and the latency toxic's accuracy, same run, trials interleaved:
// - GET / on bare-app, autocannon (10 connections, same length each): direct, through resilab's
//   TcpProxy with no toxic (goal: ≥ 0.9× throughput, p99 within +1 ms), and, as references, through
//   the minimal node:net pipe (the floor for any Node proxy) and socat (a C proxy) when installed.
//   Each proxy runs in a process of its own. The order of the setups rotates (and reverses) from
//   one trial to the next. For each: CPU µs per request of the proxy, the app and the load generator
//   (/proc and process.cpuUsage: figures that survive a shared machine; the proxy's split into user
//   and kernel time), the cores they kept busy, and the ratio a CPU-bound machine allows:
//   (app + load) / (app + load + proxy), from the direct trials, also with the proxy's kernel time
//   alone (the reads and writes no user-space proxy avoids). When those ceilings are under 0.9 for
//   every proxy, no user-space proxy reaches the goal on this machine; `why` says it in words.
// - the prober's p50 (fresh connections every 10 ms) through resilab's proxy with no toxic vs a
//   100 ms latency toxic (goal: +100 ± 5 ms).
// BENCH_SECONDS (default 5) sets each trial's length, BENCH_TRIALS (default 4) the number of rounds.
// Run `npm run build` first: node bench/proxy.js
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startProber } from '../dist/load/index.js';
import { freePort, percentile, round } from './lib/floor.js';
import { childrenOf, cpuUs, startProxies } from './lib/proxies.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 4);
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));
const median = (xs) => percentile(xs, 50);
const r2 = (x) => Math.round(x * 100) / 100;

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  return gone.finally(() => clearTimeout(timer));
}

/** Waits (bounded) until socat has reaped its per-connection processes, so their CPU is counted. */
async function reaped(pid) {
  const until = performance.now() + 3000;
  while (childrenOf(pid).length > 0 && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

/** One timed load through `setup`: throughput, p99 and CPU µs per request of each process. */
async function trial(setup, appPid) {
  const proxyCpu = () => (setup.child ? cpuUs(setup.child.pid) : { user: 0, system: 0 });
  const app0 = cpuUs(appPid);
  const proxy0 = proxyCpu();
  const self0 = process.cpuUsage();
  const result = await autocannon({
    url: `http://127.0.0.1:${setup.port}/`,
    connections: 10,
    duration: SECONDS,
  });
  const self = process.cpuUsage(self0);
  if (setup.child) await reaped(setup.child.pid);
  const [app1, proxy1] = [cpuUs(appPid), proxyCpu()];
  const perReq = (us) => r2(us / result.requests.total);
  const proxyUser = proxy1.user - proxy0.user;
  const proxySystem = proxy1.system - proxy0.system;
  const cpu = {
    proxy: perReq(proxyUser + proxySystem),
    proxy_user: perReq(proxyUser),
    proxy_system: perReq(proxySystem),
    app: perReq(app1.user + app1.system - app0.user - app0.system),
    loadgen: perReq(self.user + self.system),
  };
  return { rps: result['2xx'] / result.duration, p99_ms: result.latency.p99, cpu_us_per_req: cpu };
}

async function probeP50(port) {
  const prober = startProber({
    url: `http://127.0.0.1:${port}/`,
    spec: { path: '/', interval_ms: 10, timeout_ms: 1000 },
    signal: new AbortController().signal,
  });
  await new Promise((resolve) => setTimeout(resolve, Math.min(SECONDS, 3) * 1000));
  const samples = await prober.stop();
  return median(samples.filter((s) => s.ok).map((s) => s.t_end - s.t_start));
}

function setToxic(proxy, toxic) {
  return new Promise((resolve) => {
    proxy.once('message', resolve);
    proxy.send({ toxic });
  });
}

/** Medians over the trials of one setup, with its ratios to the direct trials of the same rounds. */
function summary(runs, direct) {
  const cpu = (k) => median(runs.map((r) => r.cpu_us_per_req[k]));
  const perReq = Object.fromEntries(Object.keys(runs[0].cpu_us_per_req).map((k) => [k, cpu(k)]));
  const rps = median(runs.map((r) => r.rps));
  const base = direct && median(direct.map((d) => d.cpu_us_per_req.app + d.cpu_us_per_req.loadgen));
  return {
    rps: Math.round(rps),
    ...(direct ? { ratio: r2(median(runs.map((r, i) => r.rps / direct[i].rps))) } : {}),
    p99_ms: median(runs.map((r) => r.p99_ms)),
    ...(direct ? { p99_delta_ms: round(median(runs.map((r, i) => r.p99_ms - direct[i].p99_ms))) } : {}),
    cpu_us_per_req: perReq,
    cores_busy: r2((rps * (perReq.proxy + perReq.app + perReq.loadgen)) / 1e6),
    ...(direct
      ? {
          cpu_bound_ratio: r2(base / (base + perReq.proxy)),
          cpu_bound_ratio_kernel_only: r2(base / (base + perReq.proxy_system)),
        }
      : {}),
  };
}

const appPort = await freePort();
const app = fork(APP, [], {
  env: { ...process.env, PORT: String(appPort) },
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
await new Promise((resolve) => app.stdout.on('data', (c) => String(c).includes('listening') && resolve()));
const proxies = await startProxies(appPort);
const resilab = proxies[0];
try {
  const setups = [{ name: 'direct', child: null, port: appPort }, ...proxies];
  const runs = Object.fromEntries(setups.map((s) => [s.name, []]));
  const plain = [];
  const delayed = [];
  // one short untimed load through each first, so no process is measured while its JIT warms up
  for (const s of setups)
    await autocannon({ url: `http://127.0.0.1:${s.port}/`, connections: 10, duration: 1 });
  for (let i = 0; i < TRIALS; i++) {
    const order = [...setups.slice(i % setups.length), ...setups.slice(0, i % setups.length)];
    if (i % 2 === 1) order.reverse();
    for (const s of order) runs[s.name].push(await trial(s, app.pid));
    plain.push(await probeP50(resilab.port));
    await setToxic(resilab.child, { toxic: 'latency', latency: 100, jitter: 0, stream: 'downstream' });
    delayed.push(await probeP50(resilab.port));
    await setToxic(resilab.child, null);
  }
  const direct = summary(runs.direct, null);
  const through = Object.fromEntries(proxies.map((p) => [p.name, summary(runs[p.name], runs.direct)]));
  const ours = through.resilab;
  const added = median(delayed) - median(plain);
  const us = (name) => through[name] && `${name} ${through[name].cpu_us_per_req.proxy} µs`;
  const base = r2(direct.cpu_us_per_req.app + direct.cpu_us_per_req.loadgen);
  console.log(
    JSON.stringify({
      target:
        'GET / on bare-app, 10 connections: direct vs through resilab TCP proxy (own process, no toxic)',
      references: 'node_pipe: c.pipe(u).pipe(c) on node:net; socat: a C proxy (fork per connection)',
      cores: availableParallelism(),
      trials: TRIALS,
      seconds: SECONDS,
      throughput_ratio: ours.ratio,
      throughput_goal_met: ours.ratio >= 0.9,
      p99_delta_ms: ours.p99_delta_ms,
      p99_goal_met: ours.p99_delta_ms <= 1,
      why:
        `CPU per proxied request: ${proxies.map((p) => us(p.name)).join(', ')}, against ${base} µs for ` +
        `the app and the load generator together. On a CPU-bound ${availableParallelism()}-core machine ` +
        `the proxy's CPU comes out of theirs: at most ${ours.cpu_bound_ratio}× for resilab, ` +
        `${ours.cpu_bound_ratio_kernel_only}× even with no user-space cost at all (its ` +
        `${ours.cpu_us_per_req.proxy_system} µs of kernel time: the reads and writes any user-space ` +
        'proxy makes). 0.9× needs a proxy under ' +
        `${r2(base / 9)} µs per request. The direct trials kept ${direct.cores_busy} of ` +
        `${availableParallelism()} cores busy: near all of them, the machine is CPU-bound and these ` +
        'ceilings hold; far below, other processes shared it (a third process then gets a share of ' +
        'its own, so the wall-clock ratio flatters the proxy) or the load was latency-bound.',
      direct,
      ...through,
      probe_p50_no_toxic_ms: round(median(plain)),
      probe_p50_latency_100_ms: round(median(delayed)),
      latency_added_ms: round(added),
      latency_goal_met: Math.abs(added - 100) <= 5,
      runs,
    }),
  );
} finally {
  resilab.child.disconnect();
  await Promise.all([...proxies.map((p) => stop(p.child)), stop(app)]);
}
