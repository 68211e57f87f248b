import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pidusage from 'pidusage';
import { DEFAULTS } from '../dist/config/app-schema.js';
import { Supervisor, SupervisorClient } from '../dist/index.js';
import { clusterFloorOnce, floorOnce, freePort, percentile, round } from './lib/floor.js';

const RUNS = 30;
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'resilab-bench-'));

function appConfig(exec_mode, port) {
  return {
    ...structuredClone(DEFAULTS),
    name: `bench-${exec_mode}`,
    script: APP,
    cwd: process.cwd(),
    interpreter: process.execPath,
    instances: 1,
    exec_mode,
    env: { PORT: String(port) },
    // every crash is a measured restart, never an unstable one that could end in errored
    min_uptime: 0,
    out_file: '/dev/null',
    error_file: '/dev/null',
  };
}

/** SIGKILL instance 0 once: the exit event → the replacement's listening event. */
async function restartOnce(supervisor, name) {
  const pid = supervisor.list().find((i) => i.app === name).pid;
  const measured = new Promise((resolve) => {
    let exitAt = null;
    const on = (e) => {
      if (e.app !== name) return;
      if (e.type === 'exit' && e.pid === pid) exitAt = e.t;
      if (e.type === 'listening' && exitAt !== null && e.pid !== pid) {
        supervisor.off('event', on);
        resolve(e.t - exitAt);
      }
    };
    supervisor.on('event', on);
  });
  supervisor.signal(name, 0, 'SIGKILL');
  return measured;
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

// Interleaved (floors, fork, cluster, floors, …) so all see the same load on a shared machine.
const ports = {
  floor: await freePort(),
  clusterFloor: await freePort(),
  fork: await freePort(),
  cluster: await freePort(),
};
const supervisor = new Supervisor({ home });
await supervisor.start([appConfig('fork', ports.fork), appConfig('cluster', ports.cluster)]);
const times = { floor: [], clusterFloor: [], fork: [], cluster: [] };
for (let n = 0; n < RUNS; n++) {
  times.floor.push(await floorOnce(APP, ports.floor));
  times.clusterFloor.push(await clusterFloorOnce(APP, ports.clusterFloor));
  times.fork.push(await restartOnce(supervisor, 'bench-fork'));
  times.cluster.push(await restartOnce(supervisor, 'bench-cluster'));
}
await supervisor.shutdown();
const result = { runs: RUNS };
for (const [mode, floorKey] of [
  ['fork', 'floor'],
  ['cluster', 'clusterFloor'],
]) {
  const floorP50 = percentile(times[floorKey], 50);
  result[`${mode}_floor_boot_to_listening_ms`] = {
    p50: round(floorP50),
    p95: round(percentile(times[floorKey], 95)),
  };
  const p50 = percentile(times[mode], 50);
  result[`${mode}_exit_to_listening_ms`] = {
    p50: round(p50),
    p95: round(percentile(times[mode], 95)),
    overhead_p50_ms: round(p50 - floorP50),
    ratio_to_floor: round(p50 / floorP50),
    goal_overhead_ms: 10,
    meets_goal: p50 - floorP50 <= 10,
  };
}
const rss = await supervisorRss(await freePort());
result.supervisor_rss_4_instances_mb = { value: round(rss), goal_mb: 60, meets_goal: rss <= 60 };
console.log(JSON.stringify(result));
