// How fast `resilab list` answers (TARGETS.md: `pm2 jlist` took 121 ms where `node -e 0` took
// 50 ms; the goal is <= 0.8x PM2, i.e. <= 1.94x the bare-node floor). Absolute times drift on a
// shared machine, so every figure is also a ratio to `node -e 0` measured in the same run,
// interleaved. Run after `npm run build`: node bench/list.js [runs]; prints one JSON line (bench/run.js).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const RUNS = Number(process.argv[2] ?? 15);
const GOAL_RATIO = (0.8 * 121) / 50;

const home = mkdtempSync(join(tmpdir(), 'resilab-bench-list-'));
const env = { ...process.env, RESILAB_HOME: home };

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function timed(args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - start) : reject(new Error(`${args.join(' ')}: exit ${code}`)),
    );
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const port = await freePort();
const started = spawnSync(
  process.execPath,
  [BIN, 'start', join(ROOT, 'sample-apps/http-app.js'), '-i', '2', '--name', 'bench'],
  {
    env: { ...env, PORT: String(port) },
    encoding: 'utf8',
  },
);
const daemon = Number.parseInt(readFileSync(join(home, 'daemon.pid'), 'utf8'), 10);
try {
  if (started.status !== 0) throw new Error(`start failed: ${started.stderr}`);
  const cases = {
    floor_node_e_0: ['-e', '0'],
    resilab_version: [BIN, '--version'],
    resilab_list: [BIN, 'list'],
    resilab_jlist: [BIN, 'jlist'],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const args of Object.values(cases)) await timed(args); // warm the file cache
  for (let run = 0; run < RUNS; run++)
    for (const [name, args] of Object.entries(cases)) samples[name].push(await timed(args));
  const floor = median(samples.floor_node_e_0);
  const figures = Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [
      name,
      {
        median_ms: Math.round(median(values) * 10) / 10,
        ratio_to_floor: Math.round((median(values) / floor) * 100) / 100,
      },
    ]),
  );
  const listRatio = figures.resilab_list.ratio_to_floor;
  console.log(
    JSON.stringify({
      bench: 'list',
      runs: RUNS,
      figures,
      goal_ratio_to_floor: Math.round(GOAL_RATIO * 100) / 100,
      pass: listRatio <= GOAL_RATIO,
    }),
  );
} finally {
  spawnSync(process.execPath, [BIN, 'kill'], { env, stdio: 'ignore' });
  try {
    process.kill(daemon, 'SIGKILL');
  } catch {
    // already gone, as it should be
  }
  rmSync(home, { recursive: true, force: true });
}
