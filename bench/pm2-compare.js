// resilab and the PM2 installed here, side by side in one run (TARGETS.md: compare as ratios to a
// peer measured in the same run): fork crash → first 200 from the new pid (against the bare-boot
// floor), failed requests over 3 rolling reloads of cluster ×2 under 50 keep-alive connections, the
// supervisor's RSS with cluster ×2 idle, `resilab list` against `pm2 jlist` (2 apps each, paired
// runs), and how long each takes to replace a leaking app after it crossed max_memory_restart.
// The floor is a bare fork() of the same app → its first 200, found by the same poll as the
// managers' (TARGETS.md: "bare spawn → 200"). Each figure is printed with its goal and met/missed.
// Without PM2 it prints { skipped }.
// Run after `npm run build`: node bench/pm2-compare.js [trials]
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, percentile, round } from './lib/floor.js';

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
  const failed = (figures.resilab ?? []).filter((n) => n !== null && n !== undefined);
  const vs_goal = judged(
    failed.length === 3 ? failed : null,
    failed.every((n) => n === 0),
  );
  return { ...figures, goal: '0, each reload no slower than PM2', vs_goal };
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

/** ms from `start` until GET / answers 200 from a pid other than `oldPid`; null after 10 s. */
async function first200(port, oldPid, start) {
  for (;;) {
    const answer = await get(port);
    if (answer?.status === 200 && answer.pid !== oldPid) return performance.now() - start;
    if (performance.now() - start > 10_000) return null;
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function crashToFirst200({ m, port }) {
  const [first] = await m.list();
  const start = performance.now();
  process.kill(first.pid, 'SIGKILL');
  return first200(port, first.pid, start);
}

/** The floor: a bare fork() of the app → its first 200, by the same poll. */
async function floor200Once() {
  const port = await freePort();
  const start = performance.now();
  const child = fork(APP, [], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ms = await first200(port, -1, start);
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return ms;
}

/** Median wall ms of `resilab list` and `pm2 jlist`, 2 apps each, run in turn, and their paired ratio. */
function listVsJlist(resilabEnv, pm2Env, runs = 9) {
  const time = (args, env) => {
    const t = performance.now();
    const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${args.join(' ')}: exit ${result.status}`);
    return performance.now() - t;
  };
  const list = [];
  const jlist = [];
  const ratios = [];
  for (let i = 0; i < runs; i += 1) {
    list.push(time([join(ROOT, 'dist/cli/bin.js'), 'list'], resilabEnv));
    jlist.push(time([join(pm2.path, 'bin/pm2'), 'jlist'], pm2Env));
    ratios.push(list.at(-1) / jlist.at(-1));
  }
  return {
    resilab_list: round(percentile(list, 50)),
    pm2_jlist: round(percentile(jlist, 50)),
    ratio: Math.round(percentile(ratios, 50) * 100) / 100,
  };
}

/** A figure against its goal: "met" or "missed"; "not measured" when the figure is null. */
const judged = (value, ok) =>
  value === null || value === undefined ? 'not measured' : ok ? 'met' : 'missed';

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
const forked = { resilab: await start('resilab', 'fork', { exec_mode: 'fork', instances: 1 }) };
forked.pm2 = await start('pm2', 'fork', { exec_mode: 'fork', instances: 1 });
const samples = { resilab: [], pm2: [], floor: [] };
for (let i = 0; i < TRIALS; i += 1) {
  for (const name of ['resilab', 'pm2']) {
    const ms = await crashToFirst200(forked[name]);
    if (ms !== null) samples[name].push(ms);
  }
  const floor = await floor200Once();
  if (floor !== null) samples.floor.push(floor);
}
for (const name of ['resilab', 'pm2']) await forked[name].m.stop();
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
out.fork_restart_over_floor_ms.vs_goal = judged(
  out.fork_restart_over_floor_ms.resilab,
  out.fork_restart_over_floor_ms.resilab <= 10,
);

// Supervisor RSS, cluster ×2, idle 2 s after start: the runner's supervisor and PM2's God daemon here,
// the daemon of `resilab start` below (daemon_ratio, against the same PM2 figure).
const rss = {};
for (const name of ['resilab', 'pm2']) {
  const run = await start(name, 'rss', { exec_mode: 'cluster', instances: 2 });
  await new Promise((r) => setTimeout(r, 2000));
  rss[name] = round(rssMb(run.m.pid));
  await run.m.stop();
}
const rssRatio = Math.round((rss.resilab / rss.pm2) * 100) / 100;
out.supervisor_rss_mb = {
  ...rss,
  ratio: rssRatio,
  goal: '≤ 0.9× PM2',
  vs_goal: judged(rssRatio, rssRatio <= 0.9),
};

// `resilab list` (its daemon) against `pm2 jlist` (PM2's daemon), 2 apps each, in turn.
{
  const resilabEnv = { ...process.env, RESILAB_HOME: join(dir, 'list-home'), PORT: String(await freePort()) };
  const bin = join(ROOT, 'dist/cli/bin.js');
  const started = spawnSync(process.execPath, [bin, 'start', APP, '-i', '2', '--name', 'bench'], {
    env: resilabEnv,
    encoding: 'utf8',
  });
  const pm2Run = await start('pm2', 'list', { exec_mode: 'cluster', instances: 2 });
  try {
    if (started.status !== 0) throw new Error(`resilab start: ${started.stderr}`);
    // The daemon `resilab start` leaves (the same supervisor, served on its socket), idle 2 s.
    await new Promise((r) => setTimeout(r, 2000));
    const daemonPid = Number(readFileSync(join(resilabEnv.RESILAB_HOME, 'daemon.pid'), 'utf8'));
    const daemonMb = round(rssMb(daemonPid));
    out.supervisor_rss_mb.resilab_daemon = daemonMb;
    out.supervisor_rss_mb.daemon_ratio = Math.round((daemonMb / rss.pm2) * 100) / 100;
    const listed = listVsJlist(resilabEnv, { ...process.env, PM2_HOME: pm2Run.m.home });
    out.list_vs_pm2_jlist_ms = {
      ...listed,
      goal: '≤ 0.7× PM2',
      vs_goal: judged(listed.ratio, listed.ratio <= 0.7),
    };
  } finally {
    spawnSync(process.execPath, [bin, 'kill'], { env: resilabEnv, stdio: 'ignore' });
    await pm2Run.m.stop();
  }
}
out.reload_failed_requests = await reloadFailures();
out.memory_limit_reaction_s = {
  resilab: await memoryReaction('resilab'),
  pm2: await memoryReaction('pm2'),
  goal: '≤ 1.5 s (null: not replaced within 40 s)',
};
out.memory_limit_reaction_s.vs_goal = judged(
  out.memory_limit_reaction_s.resilab,
  out.memory_limit_reaction_s.resilab <= 1.5,
);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out));
