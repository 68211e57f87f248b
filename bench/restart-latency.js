// Restart latency: crash an instance 30 times (fork and cluster, restart_delay 0) and time
// exit → the replacement's `listening`, against the floor measured in the same run: a bare fork()
// of the same app → its "listening" line. Also the supervisor's own RSS with 4 instances.
// Prints one JSON object. Goal: p50 overhead ≤ 10 ms; supervisor RSS ≤ 60 MB.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pidusage from 'pidusage';
import { Supervisor, SupervisorClient } from '../dist/index.js';

const RUNS = 30;
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'resilab-bench-'));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (ms) => Math.round(ms * 10) / 10;

/** Bare fork() → the app's own "listening" line, RUNS times. */
async function floor(port) {
  const times = [];
  for (let n = 0; n < RUNS; n++) {
    const start = performance.now();
    const child = fork(APP, [], {
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    await new Promise((resolve) =>
      child.stdout.on('data', (c) => String(c).includes('listening') && resolve()),
    );
    times.push(performance.now() - start);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
  return times;
}

/** SIGKILL instance 0 RUNS times; exit event → the replacement's listening event. */
async function restarts(exec_mode, port) {
  const supervisor = new Supervisor({ home });
  const app = {
    name: `bench-${exec_mode}`,
    script: APP,
    args: [],
    cwd: process.cwd(),
    interpreter: process.execPath,
    node_args: [],
    instances: 1,
    exec_mode,
    env: { PORT: String(port) },
    autorestart: true,
    stop_exit_codes: [],
    min_uptime: 0,
    max_restarts: 16,
    restart_delay: 0,
    exp_backoff_restart_delay: 0,
    exp_backoff_max_delay: 15000,
    exp_backoff_reset_after: 30000,
    max_memory_restart: null,
    memory_check_interval: 1000,
    kill_timeout: 1600,
    listen_timeout: 3000,
    wait_ready: false,
    shutdown_with_message: false,
    out_file: '/dev/null',
    error_file: '/dev/null',
    merge_logs: false,
    log_date_format: null,
    time: false,
    instance_var: 'NODE_APP_INSTANCE',
    watch: false,
    ignore_watch: [],
    reload_concurrency: 1,
    max_log_size: null,
    retain: 30,
  };
  await supervisor.start([app]);
  const times = [];
  for (let n = 0; n < RUNS; n++) {
    const pid = supervisor.list()[0].pid;
    const measured = new Promise((resolve) => {
      let exitAt = null;
      const on = (e) => {
        if (e.type === 'exit' && e.pid === pid) exitAt = e.t;
        if (e.type === 'listening' && exitAt !== null && e.pid !== pid) {
          supervisor.off('event', on);
          resolve(e.t - exitAt);
        }
      };
      supervisor.on('event', on);
    });
    supervisor.signal(app.name, 0, 'SIGKILL');
    times.push(await measured);
  }
  await supervisor.shutdown();
  return times;
}

/** The real `resilab runtime` with 4 instances: its own RSS once they are all listening. */
async function supervisorRss(port) {
  const client = await SupervisorClient.start({
    target: APP,
    flags: { instances: '4', name: 'rss' },
    env: { PORT: String(port) },
    home,
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let startup garbage settle before sampling
    const { memory } = await pidusage(client.pid);
    return memory / 1024 / 1024;
  } finally {
    await client.stop();
    pidusage.clear();
  }
}

const port = await freePort();
const floorTimes = await floor(port);
const floorP50 = percentile(floorTimes, 50);
const result = {
  runs: RUNS,
  floor_boot_to_listening_ms: { p50: round(floorP50), p95: round(percentile(floorTimes, 95)) },
};
for (const mode of ['fork', 'cluster']) {
  const times = await restarts(mode, port);
  const p50 = percentile(times, 50);
  result[`${mode}_exit_to_listening_ms`] = {
    p50: round(p50),
    p95: round(percentile(times, 95)),
    overhead_p50_ms: round(p50 - floorP50),
    ratio_to_floor: round(p50 / floorP50),
    goal_overhead_ms: 10,
    meets_goal: p50 - floorP50 <= 10,
  };
}
const rss = await supervisorRss(port);
result.supervisor_rss_4_instances_mb = { value: round(rss), goal_mb: 60, meets_goal: rss <= 60 };
console.log(JSON.stringify(result));
