// Where the harness's throughput goes, and whether resilab's figure agrees with independent tools.
// On ONE bare app (node sample-apps/http-app.js), interleaved round by round, the same connections
// and duration: autocannon's CLI, wrk (if installed), resilab's load generator alone (worker thread),
// + its prober, + its resource sampler; then a full `resilab run` (app under the supervisor with its
// preload agent, main thread recording). Each figure is printed as a ratio to autocannon's CLI in the
// same round. Goal: the full lab ≥ 0.9×. Prints one JSON line.
// Run `npm run build` first:  node bench/throughput-check.js [--rounds 2] [--duration 5]
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, startProber, startResourceSampler } from '../dist/load/index.js';
import { runAutocannonCli, startBareApp } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const SCENARIO = join(ROOT, 'bench/scenarios/throughput.yaml');
const CONNECTIONS = 20;
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, duration: { type: 'string', default: '5' } },
});
const DURATION_MS = Number(values.duration) * 1000;
const HAS_WRK = spawnSync('wrk', ['--version']).error === undefined;

/** wrk, one thread, the same connections: its Requests/sec (all answers are 2xx from this app). */
function wrk(url) {
  return new Promise((resolve, reject) =>
    execFile('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_MS / 1000}s`, url], (error, out) => {
      const match = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (error || !match) reject(new Error(`wrk failed: ${error?.message ?? out}`));
      else resolve(Number(match[1]));
    }),
  );
}

/** resilab's load generator against the bare app, with the prober and the sampler on or off. */
async function worker(app, { prober, sampler }) {
  const spec = {
    path: '/',
    method: 'GET',
    connections: CONNECTIONS,
    duration_ms: DURATION_MS,
    warmup_ms: 0,
    pipelining: 1,
    rate: null,
    timeout_ms: 10_000,
  };
  const p = prober
    ? startProber({ url: app.url, spec: { path: '/', interval_ms: 10, timeout_ms: 500 } })
    : null;
  const s = sampler
    ? startResourceSampler({
        intervalMs: 250,
        targets: () => [{ role: 'instance', instance: 0, pid: app.child.pid }],
      })
    : null;
  const result = await runLoad({ url: app.url, spec, bucketMs: 100 });
  await p?.stop();
  s?.stop();
  const ok = result.buckets.reduce((sum, b) => sum + b.ok_2xx, 0);
  return ok / ((result.t_end - result.t_start) / 1000);
}

/** A full `resilab run` of the same load (warm-up 1 s, 5 s, prober on): its steady-state throughput_rps. */
async function lab() {
  const out = await mkdtemp(join(tmpdir(), 'resilab-bench-'));
  try {
    const stdout = await new Promise((resolve, reject) =>
      execFile(process.execPath, [BIN, 'run', SCENARIO, '--json', '--out', out], (error, text, err) =>
        error ? reject(new Error(`resilab run failed: ${err}`)) : resolve(text),
      ),
    );
    return JSON.parse(stdout).variants[0].metrics.throughput_rps;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const rounds = [];
for (let r = 0; r < Number(values.rounds); r++) {
  const app = await startBareApp();
  const round = {};
  try {
    await runAutocannonCli({ url: app.url, connections: CONNECTIONS, durationMs: 1000 }); // JIT warm-up
    round.autocannon_cli = (
      await runAutocannonCli({ url: app.url, connections: CONNECTIONS, durationMs: DURATION_MS })
    ).rps;
    if (HAS_WRK) round.wrk = await wrk(app.url);
    round.worker = await worker(app, { prober: false, sampler: false });
    round.worker_prober = await worker(app, { prober: true, sampler: false });
    round.worker_prober_sampler = await worker(app, { prober: true, sampler: true });
  } finally {
    await app.stop();
  }
  round.lab_run = await lab();
  const base = round.autocannon_cli;
  rounds.push(
    Object.fromEntries(
      Object.entries(round).map(([k, v]) => [
        k,
        { rps: Math.round(v), ratio: Number((v / base).toFixed(3)) },
      ]),
    ),
  );
}
const medianRatio = (key) => {
  const xs = rounds
    .map((r) => r[key]?.ratio)
    .filter((x) => x !== undefined)
    .sort((a, b) => a - b);
  return xs.length ? xs[Math.floor(xs.length / 2)] : null;
};
console.log(
  JSON.stringify({
    bench: 'throughput-cross-check',
    target: `GET / on sample-apps/http-app.js, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s; ratios to autocannon's CLI in the same round`,
    wrk: HAS_WRK ? 'installed' : 'not installed: skipped',
    goal: 'lab_run >= 0.9',
    ratio_median: Object.fromEntries(
      ['wrk', 'worker', 'worker_prober', 'worker_prober_sampler', 'lab_run'].map((k) => [k, medianRatio(k)]),
    ),
    rounds,
  }),
);
