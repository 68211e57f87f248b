import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from '../dist/clock.js';
import { DEFAULTS } from '../dist/config/app-schema.js';
import { Supervisor } from '../dist/index.js';
import { WATCH_QUIET_MS } from '../dist/supervisor/watch-debounce.js';
import { floorOnce, freePort, percentile, round } from './lib/floor.js';

const RUNS = 10;
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'resilab-bench-watch-'));

const p50 = (values) => percentile(values, 50);

function appConfig(name, exec_mode, instances, port) {
  const dir = mkdtempSync(join(tmpdir(), `resilab-bench-${name}-`));
  copyFileSync(APP, join(dir, 'app.js'));
  copyFileSync(join(APP, '..', 'routes.js'), join(dir, 'routes.js'));
  return {
    ...structuredClone(DEFAULTS),
    name,
    script: join(dir, 'app.js'),
    cwd: dir,
    interpreter: process.execPath,
    instances,
    exec_mode,
    env: { PORT: String(port) },
    watch: true,
  };
}

/** Writes a file in the app's folder; resolves with the parts once every instance was replaced. */
async function changeOnce(supervisor, app) {
  const old = new Set(
    supervisor
      .list()
      .filter((i) => i.app === app.name)
      .map((i) => i.pid),
  );
  const t0 = now();
  const parts = new Promise((resolve) => {
    let detected = null;
    let firstExit = null;
    const fresh = new Set();
    const on = (e) => {
      if (e.app !== app.name) return;
      if (e.type === 'watch-restart') detected = e.t;
      if (e.type === 'exit' && old.has(e.pid)) firstExit ??= e.t;
      if (e.type === 'listening' && !old.has(e.pid)) fresh.add(e.pid);
      if (fresh.size === old.size && detected !== null && firstExit !== null) {
        supervisor.off('event', on);
        resolve({ total: e.t - t0, debounce: detected - t0, first_new_listening: e.t - t0 });
      }
    };
    supervisor.on('event', on);
  });
  writeFileSync(join(app.cwd, 'config.json'), `{"t": ${t0}}`);
  const result = await parts;
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the old processes drain out
  return result;
}

const fork1 = appConfig('watch-fork', 'fork', 1, await freePort());
const cluster2 = appConfig('watch-cluster', 'cluster', 2, await freePort());
const supervisor = new Supervisor({ home });
await supervisor.start([fork1, cluster2]);
const floorPort = await freePort();
const times = { floor: [], fork: [], forkDebounce: [], cluster: [], clusterDebounce: [] };
for (let n = 0; n < RUNS; n++) {
  times.floor.push(await floorOnce(APP, floorPort));
  const f = await changeOnce(supervisor, fork1);
  times.fork.push(f.total);
  times.forkDebounce.push(f.debounce);
  const c = await changeOnce(supervisor, cluster2);
  times.cluster.push(c.total);
  times.clusterDebounce.push(c.debounce);
}
await supervisor.shutdown();
const floor = p50(times.floor);
console.log(
  JSON.stringify({
    runs: RUNS,
    quiet_ms: WATCH_QUIET_MS,
    floor_boot_to_listening_p50_ms: round(floor),
    fork_change_to_new_pid_listening_p50_ms: round(p50(times.fork)),
    fork_change_to_watch_restart_p50_ms: round(p50(times.forkDebounce)),
    fork_ratio_to_quiet_plus_floor: round(p50(times.fork) / (WATCH_QUIET_MS + floor)),
    cluster2_change_to_all_replaced_p50_ms: round(p50(times.cluster)),
    cluster2_change_to_watch_restart_p50_ms: round(p50(times.clusterDebounce)),
  }),
);
