// The cost of measuring: throughput of GET / on sample-apps/http-app.js under resilab's load
// generator (autocannon in a worker thread, bucketed) with the prober on, against autocannon's own
// CLI on the same app, same connections and duration, in one run. Prints JSON with both figures and
// the ratio (goal: resilab ≥ 0.9 × the bare CLI). Run `npm run build` first; it imports ../dist.
//   node bench/harness.js [--connections 20] [--duration 5s] [--rounds 2]
// The bare baseline (startBareApp, runAutocannonCli) is exported for other harnesses to reuse.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AUTOCANNON_BIN = `${ROOT}node_modules/.bin/autocannon`;
const HTTP_APP = `${ROOT}sample-apps/http-app.js`;
/** Time an app gets to print that it listens, and autocannon to finish after its duration. */
const START_TIMEOUT_MS = 10_000;
const FINISH_GRACE_MS = 10_000;

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Ends a child by its pid and waits for its exit. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** http-app started by `node` directly on a free port; resolves once it listens. */
export async function startBareApp(script = HTTP_APP) {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not listen within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
  return { child, port, url: `http://127.0.0.1:${port}/`, stop: () => stopChild(child) };
}

/** autocannon's own CLI (--json) against url: 2xx responses per second over its duration. */
export function runAutocannonCli({ url, connections, durationMs }) {
  const args = ['--json', '-c', String(connections), '-d', String(durationMs / 1000), url];
  const child = spawn(AUTOCANNON_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), durationMs + FINISH_GRACE_MS);
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(killer);
      try {
        const result = JSON.parse(out);
        resolve({
          rps: result['2xx'] / result.duration,
          ok_2xx: result['2xx'],
          duration_s: result.duration,
          errors: result.errors,
        });
      } catch {
        reject(new Error(`autocannon exited ${code} without JSON output`));
      }
    });
  });
}

/** resilab's runLoad (worker thread) with the prober on: 2xx responses per second over the load. */
export async function runResilabLoad({ url, connections, durationMs }) {
  const { runLoad, startProber } = await import('../dist/load/index.js');
  const spec = {
    path: '/',
    method: 'GET',
    connections,
    duration_ms: durationMs,
    warmup_ms: 0,
    pipelining: 1,
    rate: null,
    timeout_ms: 10_000,
  };
  const prober = startProber({ url, spec: { path: '/', interval_ms: 10, timeout_ms: 500 } });
  const result = await runLoad({ url, spec, bucketMs: 100 });
  const probes = await prober.stop();
  const ok = result.buckets.reduce((sum, bucket) => sum + bucket.ok_2xx, 0);
  const seconds = (result.t_end - result.t_start) / 1000;
  return {
    rps: ok / seconds,
    ok_2xx: ok,
    duration_s: seconds,
    errors: result.totals.errors,
    probes: probes.length,
    probes_ok: probes.filter((probe) => probe.ok).length,
    cpu_pct_mean: result.cpu_pct_mean,
  };
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Alternates the two measurements `rounds` times on one warmed-up app; returns the JSON report. */
export async function benchMeasuringCost({ connections = 20, durationMs = 5000, rounds = 2 } = {}) {
  const app = await startBareApp();
  try {
    await runAutocannonCli({ url: app.url, connections, durationMs: 1000 }); // JIT warm-up, not reported
    const bare = [];
    const resilab = [];
    for (let round = 0; round < rounds; round++) {
      bare.push(await runAutocannonCli({ url: app.url, connections, durationMs }));
      resilab.push(await runResilabLoad({ url: app.url, connections, durationMs }));
    }
    const bareRps = mean(bare.map((run) => run.rps));
    const resilabRps = mean(resilab.map((run) => run.rps));
    return {
      bench: 'measuring-cost',
      target: 'GET / on sample-apps/http-app.js started by node directly',
      connections,
      duration_ms: durationMs,
      rounds,
      autocannon_cli_rps: Math.round(bareRps),
      resilab_load_rps: Math.round(resilabRps),
      ratio: Number((resilabRps / bareRps).toFixed(3)),
      // Each round's pair ran back to back: the spread shows how noisy the shared machine was.
      ratio_per_round: resilab.map((run, i) => Number((run.rps / (bare[i]?.rps ?? Number.NaN)).toFixed(3))),
      goal: 'ratio >= 0.9',
      pass: resilabRps / bareRps >= 0.9,
      runs: { autocannon_cli: bare, resilab_load: resilab },
    };
  } finally {
    await app.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '20' },
      duration: { type: 'string', default: '5s' },
      rounds: { type: 'string', default: '2' },
    },
  });
  const durationMs = /ms$/.test(values.duration)
    ? Number.parseFloat(values.duration)
    : Number.parseFloat(values.duration) * 1000;
  const report = await benchMeasuringCost({
    connections: Number(values.connections),
    durationMs,
    rounds: Number(values.rounds),
  });
  console.log(JSON.stringify(report, null, 2));
}
