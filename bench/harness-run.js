// The lab's overhead on throughput: `resilab run` (autocannon in a worker thread, prober on, the app
// under the supervisor) against the bare baseline (autocannon's CLI against `node http-app.js`),
// interleaved in the same run. Goal (runner brief): the lab within 10 % of the bare figure.
// Run: npm run build && node bench/harness-run.js [rounds]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const APP = join(ROOT, 'sample-apps/http-app.js');
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');
const SCENARIO = join(ROOT, 'bench/scenarios/throughput.yaml');
const CONNECTIONS = 50;
const DURATION_S = 5;
const WARMUP_S = 1;
const GOAL = 0.9;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end; resolves with its stdout, rejects on a non-zero exit. */
function exec(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: exit ${code}\n${err}`)),
    );
  });
}

/** autocannon's CLI against `node http-app.js`, after a warm-up: mean 2xx req/s. */
async function bare() {
  const port = await freePort();
  const app = spawn(process.execPath, [APP], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      app.stdout.on('data', (c) => String(c).includes('listening') && resolve());
      app.once('exit', (code) => reject(new Error(`http-app exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/`;
    await exec([AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(WARMUP_S), '-j', url]);
    const result = JSON.parse(
      await exec([AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(DURATION_S), '-j', url]),
    );
    return result['2xx'] / (result.duration || DURATION_S);
  } finally {
    app.kill('SIGKILL');
  }
}

/** `resilab run` of the same load on the same app, under the supervisor: its throughput_rps. */
async function lab() {
  const out = await mkdtemp(join(tmpdir(), 'resilab-bench-'));
  try {
    const results = JSON.parse(await exec([BIN, 'run', SCENARIO, '--json', '--out', out]));
    const variant = results.variants[0];
    return { rps: variant.metrics.throughput_rps, loadgen_cpu: variant.loadgen?.cpu_pct_mean ?? null };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const rounds = Number(process.argv[2] ?? 2);
const runs = [];
for (let i = 0; i < rounds; i++) {
  const b = await bare();
  const l = await lab();
  runs.push({
    bare_rps: Math.round(b),
    lab_rps: Math.round(l.rps),
    ratio: +(l.rps / b).toFixed(3),
    loadgen_cpu_pct: l.loadgen_cpu,
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = median(runs.map((r) => r.ratio));
console.log(
  JSON.stringify(
    {
      bench: 'lab-vs-bare-throughput',
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      runs,
      ratio,
      goal: GOAL,
      pass: ratio >= GOAL,
    },
    null,
    2,
  ),
);
