// The event-loop watchdog, measured: GET /hang (a loop that never ends) → the replacement listening,
// with heartbeat_timeout 1 s, in fork mode and in cluster mode ×2, against the bare boot of the same
// app (the floor) measured in the same run. Goal: p50 ≤ timeout + floor + 100 ms. Then no false
// positive: every instance kept at 100 % CPU with 10-million-loop /cpu requests for 60 s, and not one
// `hung` event. BENCH_HANGS (20) and BENCH_CPU_S (60) shorten a smoke run.

import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from '../dist/clock.js';
import { DEFAULTS } from '../dist/config/app-schema.js';
import { Supervisor } from '../dist/index.js';
import { clusterFloorOnce, floorOnce, freePort, percentile, round } from './lib/floor.js';

const HANGS = Number(process.env.BENCH_HANGS ?? 20);
const CPU_S = Number(process.env.BENCH_CPU_S ?? 60);
const TIMEOUT_MS = 1000;
const CPU_CONNECTIONS = 10;
const APP = fileURLToPath(new URL('../sample-apps/http-app.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'resilab-bench-hung-'));

function appConfig(exec_mode, port) {
  return {
    ...structuredClone(DEFAULTS),
    name: `hung-${exec_mode}`,
    script: APP,
    cwd: process.cwd(),
    interpreter: process.execPath,
    instances: exec_mode === 'cluster' ? 2 : 1,
    exec_mode,
    env: { PORT: String(port) },
    heartbeat_timeout: TIMEOUT_MS,
    min_uptime: 0, // every hang is a measured restart, never an unstable one that could end in errored
    out_file: '/dev/null',
    error_file: '/dev/null',
  };
}

/** One GET on its own connection; resolves with the status, or null. */
function get(port, path, agent = false) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** GET /hang → { detect: hang → hung event, replaced: hang → the replacement's listening event }. */
async function hangOnce(supervisor, name, port) {
  const events = [];
  const on = (e) => e.app === name && events.push(e);
  supervisor.on('event', on);
  const t0 = now();
  const req = request({ host: '127.0.0.1', port, path: '/hang', agent: false });
  req.on('error', () => undefined);
  req.end();
  const result = await new Promise((resolve) => {
    const poll = setInterval(() => {
      const hung = events.find((e) => e.type === 'hung');
      const up =
        hung && events.find((e) => e.type === 'listening' && e.instance === hung.instance && e.t > hung.t);
      const gone = hung && events.find((e) => e.type === 'stopped' && e.pid === hung.pid);
      const exited = hung && events.find((e) => e.type === 'exit' && e.pid === hung.pid);
      if (up && (gone || exited)) {
        clearInterval(poll);
        resolve({ detect: hung.t - t0, replaced: up.t - t0 });
      }
    }, 5);
  });
  req.destroy();
  supervisor.off('event', on);
  // settle: every instance listening again before the next hang
  while (supervisor.list().some((i) => i.app === name && i.state !== 'listening'))
    await new Promise((resolve) => setTimeout(resolve, 10));
  return result;
}

/** CPU_CONNECTIONS keep-alive clients per app sending /cpu for CPU_S seconds; the hung events seen. */
async function cpuLoad(supervisor, ports) {
  const hung = [];
  const on = (e) => (e.type === 'hung' || e.type === 'unhealthy') && hung.push(e);
  const maxDelay = { max_ms: 0 };
  const loop = (e) => {
    if (e.type === 'event-loop') maxDelay.max_ms = Math.max(maxDelay.max_ms, e.max_ms);
  };
  supervisor.on('event', on);
  supervisor.on('event', loop);
  const until = performance.now() + CPU_S * 1000;
  let served = 0;
  const client = async (port) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    while (performance.now() < until) if ((await get(port, '/cpu', agent)) === 200) served += 1;
    agent.destroy();
  };
  await Promise.all(ports.flatMap((port) => Array.from({ length: CPU_CONNECTIONS }, () => client(port))));
  supervisor.off('event', on);
  supervisor.off('event', loop);
  return { seconds: CPU_S, connections_per_app: CPU_CONNECTIONS, served, hung: hung.length, ...maxDelay };
}

const ports = {
  fork: await freePort(),
  cluster: await freePort(),
  floor: await freePort(),
  clusterFloor: await freePort(),
};
const supervisor = new Supervisor({ home });
await supervisor.start([appConfig('fork', ports.fork), appConfig('cluster', ports.cluster)]);
const times = { floor: [], clusterFloor: [], fork: [], cluster: [] };
for (let n = 0; n < HANGS; n++) {
  times.floor.push(await floorOnce(APP, ports.floor));
  times.clusterFloor.push(await clusterFloorOnce(APP, ports.clusterFloor));
  times.fork.push(await hangOnce(supervisor, 'hung-fork', ports.fork));
  times.cluster.push(await hangOnce(supervisor, 'hung-cluster', ports.cluster));
}
const result = { hangs: HANGS, heartbeat_timeout_ms: TIMEOUT_MS };
for (const [mode, floorKey] of [
  ['fork', 'floor'],
  ['cluster', 'clusterFloor'],
]) {
  const floor = percentile(times[floorKey], 50);
  const replaced = times[mode].map((t) => t.replaced);
  const p50 = percentile(replaced, 50);
  const goal = TIMEOUT_MS + floor + 100;
  result[mode] = {
    floor_boot_to_listening_p50_ms: round(floor),
    hang_to_hung_ms: {
      p50: round(
        percentile(
          times[mode].map((t) => t.detect),
          50,
        ),
      ),
    },
    hang_to_replacement_listening_ms: { p50: round(p50), p95: round(percentile(replaced, 95)) },
    hung_to_replacement_listening_p50_ms: round(
      percentile(
        times[mode].map((t) => t.replaced - t.detect),
        50,
      ),
    ),
    goal_ms: round(goal),
    meets_goal: p50 <= goal,
  };
}
result.cpu_load = await cpuLoad(supervisor, [ports.fork, ports.cluster]);
result.cpu_load.meets_goal = result.cpu_load.hung === 0;
await supervisor.shutdown();
console.log(JSON.stringify(result));
