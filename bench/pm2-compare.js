// resilab and the PM2 installed here, side by side in one run (TARGETS.md: compare as ratios to a
// peer measured in the same run): fork crash → first 200 from the new pid (against the bare-boot
// floor), failed requests over 3 rolling reloads of cluster ×2 under 50 keep-alive connections, the
// supervisor's RSS with cluster ×2 idle, `pm2 jlist` against `node -e 0`, and how long each takes to
// replace a leaking app after it crossed max_memory_restart. Without PM2 it prints { skipped }.
// Run after `npm run build`: node bench/pm2-compare.js [trials]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floorOnce, freePort, percentile, round } from './lib/floor.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP = join(ROOT, 'sample-apps/http-app.js');
const TRIALS = Number(process.argv[2] ?? 7);
const LIMIT_MB = 150;
const MEMORY_WAIT_MS = 40_000;
const { MANAGERS } = await import(join(ROOT, 'dist/runner/managers/index.js'));
const { findPm2 } = await import(join(ROOT, 'dist/runner/managers/pm2-find.js'));
const { writeEcosystem } = await import(join(ROOT, 'dist/runner/ecosystem-file.js'));
const { parseScenario, measureScenario, computeResults } = await import(join(ROOT, 'dist/index.js'));

/** 3 rolling reloads, cluster ×2, 50 keep-alive connections, both managers in one run (the scenario pipeline). */
async function reloadFailures() {
  const text = `name: bench-reloads
app: { script: ${APP}, supervisor: { kill_timeout: 1600 } }
variants:
  - { name: resilab, manager: resilab, exec_mode: cluster, instances: 2 }
  - { name: pm2, manager: pm2, exec_mode: cluster, instances: 2 }
load: { path: /, connections: 50, duration: 16s, warmup: 1s }
probe: false
faults: [{ at: 2s, reload: {} }, { at: 7s, reload: {} }, { at: 12s, reload: {} }]
`;
  const scenario = parseScenario(text, { file: null, baseDir: ROOT });
  const { record } = await measureScenario(scenario, {});
  const results = computeResults(record);
  const figures = {};
  for (const v of results.variants) figures[v.name] = v.faults.map((f) => f.metrics.reload_failed_requests);
  return { ...figures, goal: '0, each reload no slower than PM2' };
}

let pm2;
try {
  pm2 = findPm2();
} catch (error) {
  console.log(JSON.stringify({ skipped: error.message }));
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'resilab-bench-pm2-'));
const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return line ? Number(line[1]) / 1024 : null;
};

/** One GET / on a fresh connection: { status, pid } or null. */
function get(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 500 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, pid: Number(res.headers['x-pid']) }));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function start(manager, name, entry) {
  const port = await freePort();
  const events = [];
  const file = await writeEcosystem(dir, `${manager}-${name}`, {
    name: 'app',
    script: APP,
    ...entry,
    env: { ...entry.env, PORT: String(port), HOST: '127.0.0.1' },
  });
  const m = await MANAGERS[manager]({
    target: file,
    home: join(dir, 'home'),
    onEvent: (e) => events.push(e),
  });
  return { m, port, events };
}

async function crashToFirst200({ m, port }) {
  const [first] = await m.list();
  const start = performance.now();
  process.kill(first.pid, 'SIGKILL');
  for (;;) {
    const answer = await get(port);
    if (answer?.status === 200 && answer.pid !== first.pid) return performance.now() - start;
    if (performance.now() - start > 10_000) return null;
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function memoryReaction(manager) {
  const run = await start(manager, 'leak', {
    exec_mode: 'fork',
    instances: 1,
    max_memory_restart: `${LIMIT_MB}M`,
    env: { LEAK_MB_PER_S: '60' },
  });
  const [first] = await run.m.list();
  let crossed = null;
  const begin = performance.now();
  while (performance.now() - begin < MEMORY_WAIT_MS) {
    const exit = run.events.find((e) => e.type === 'exit' && e.pid === first.pid);
    if (exit) break;
    const rss = (() => {
      try {
        return rssMb(first.pid);
      } catch {
        return null;
      }
    })();
    if (crossed === null && rss !== null && rss > LIMIT_MB) crossed = Date.now();
    await new Promise((r) => setTimeout(r, 50));
  }
  const exit = run.events.find((e) => e.type === 'exit' && e.pid === first.pid);
  await run.m.stop();
  return exit && crossed !== null ? round((exit.t - crossed) / 1000) : null;
}

const out = { pm2: pm2.version, trials: TRIALS };
// Fork crash → first 200, alternating managers, with the bare-boot floor in between.
const fork = { resilab: await start('resilab', 'fork', { exec_mode: 'fork', instances: 1 }) };
fork.pm2 = await start('pm2', 'fork', { exec_mode: 'fork', instances: 1 });
const samples = { resilab: [], pm2: [], floor: [] };
for (let i = 0; i < TRIALS; i += 1) {
  for (const name of ['resilab', 'pm2']) {
    const ms = await crashToFirst200(fork[name]);
    if (ms !== null) samples[name].push(ms);
  }
  samples.floor.push(await floorOnce(APP, await freePort()));
}
for (const name of ['resilab', 'pm2']) await fork[name].m.stop();
const p50 = (list) => (list.length ? round(percentile(list, 50)) : null);
out.fork_crash_to_200_p50_ms = {
  resilab: p50(samples.resilab),
  pm2: p50(samples.pm2),
  floor: p50(samples.floor),
};
const f = out.fork_crash_to_200_p50_ms;
out.fork_restart_over_floor_ms = {
  resilab: f.resilab !== null ? round(f.resilab - f.floor) : null,
  pm2: f.pm2 !== null ? round(f.pm2 - f.floor) : null,
  goal: '≤ floor + 10 ms',
};

// Supervisor RSS, cluster ×2, idle 2 s after start.
const rss = {};
for (const name of ['resilab', 'pm2']) {
  const run = await start(name, 'rss', { exec_mode: 'cluster', instances: 2 });
  await new Promise((r) => setTimeout(r, 2000));
  rss[name] = round(rssMb(run.m.pid));
  if (name === 'pm2') {
    // `pm2 jlist` against `node -e 0`, interleaved, on this daemon.
    const env = { ...process.env, PM2_HOME: run.m.home };
    const jlist = [];
    const bare = [];
    for (let i = 0; i < 5; i += 1) {
      let t = performance.now();
      spawnSync(process.execPath, [join(pm2.path, 'bin/pm2'), 'jlist'], { env, stdio: 'ignore' });
      jlist.push(performance.now() - t);
      t = performance.now();
      spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      bare.push(performance.now() - t);
    }
    out.pm2_jlist_ms = { p50: round(percentile(jlist, 50)), node_e0: round(percentile(bare, 50)) };
  }
  await run.m.stop();
}
out.supervisor_rss_mb = { ...rss, ratio: round(rss.resilab / rss.pm2), goal: '≤ 0.9× PM2' };
out.reload_failed_requests = await reloadFailures();
out.memory_limit_reaction_s = {
  resilab: await memoryReaction('resilab'),
  pm2: await memoryReaction('pm2'),
  goal: '≤ 1.5 s (null: not replaced within 40 s)',
};
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out));
