// The lab's own throughput figure: `resilab run` (the app under the supervisor, autocannon in a
// worker thread, the prober on, resource sampling) on GET / of sample-apps/http-app.js, against the
// bare baseline of bench/harness.js (autocannon's CLI against `node http-app.js`), interleaved in
// one run. Goal (runner brief): the lab within 10 % of the bare figure. Prints one JSON line.
// Run `npm run build` first:  node bench/harness-run.js [--rounds 3]
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAutocannonCli, startBareApp } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
/** fork ×1, GET /, 20 connections, 1 s warm-up + 5 s load, prober every 10 ms. */
const SCENARIO = join(ROOT, 'bench/scenarios/throughput.yaml');
const CONNECTIONS = 20;
const DURATION_MS = 5000;
const GOAL = 0.9;

/** The bare figure: a fresh app, 1 s of warm-up (as the scenario's), then 5 s measured. */
async function bare() {
  const app = await startBareApp();
  try {
    await runAutocannonCli({ url: app.url, connections: CONNECTIONS, durationMs: 1000 });
    return (await runAutocannonCli({ url: app.url, connections: CONNECTIONS, durationMs: DURATION_MS })).rps;
  } finally {
    await app.stop();
  }
}

/** The lab's figure: `resilab run --json` of the same load, its steady-state throughput_rps. */
async function lab() {
  const out = await mkdtemp(join(tmpdir(), 'resilab-bench-'));
  try {
    const stdout = await new Promise((resolve, reject) =>
      execFile(process.execPath, [BIN, 'run', SCENARIO, '--json', '--out', out], (error, text, err) =>
        error ? reject(new Error(`resilab run failed: ${err}`)) : resolve(text),
      ),
    );
    const variant = JSON.parse(stdout).variants[0];
    return { rps: variant.metrics.throughput_rps, loadgen_cpu_pct: variant.loadgen?.cpu_pct_mean ?? null };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const runs = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const b = await bare();
  const l = await lab();
  runs.push({
    bare_rps: Math.round(b),
    lab_rps: Math.round(l.rps),
    ratio: Number((l.rps / b).toFixed(3)),
    loadgen_cpu_pct: l.loadgen_cpu_pct === null ? null : Math.round(l.loadgen_cpu_pct),
  });
}
const ratios = runs.map((r) => r.ratio).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)] ?? null;
console.log(
  JSON.stringify({
    bench: 'lab-run-throughput',
    target: 'GET / on sample-apps/http-app.js: resilab run (fork ×1, prober on) vs node + autocannon CLI',
    connections: CONNECTIONS,
    duration_ms: DURATION_MS,
    ratio_median: median,
    goal: `ratio >= ${GOAL}`,
    pass: median !== null && median >= GOAL,
    runs,
  }),
);
