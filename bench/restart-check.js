// Cross-check of restart latency against the supervisor's own event log, with the bench as an
// independent observer: `resilab runtime` (fork ×1, --events events.jsonl) in its own process; each
// round the bench SIGKILLs the app's pid, then polls GET / with fresh connections every 2 ms until a
// new x-pid answers. From the log: detect (kill → exit event) + restart_ms (exit → the replacement's
// listening event, the lab's definition). The observer's kill → first answer from the new pid should
// be that plus the few ms from listening to the first answered poll. Prints one JSON line.
// Run `npm run build` first:  node bench/restart-check.js [--rounds 10]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, percentile, round } from './lib/floor.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
/** The same epoch clock every resilab process stamps its events with. */
const clock = () => performance.timeOrigin + performance.now();

function get(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 500 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? Number(res.headers['x-pid']) : null));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** Polls every 2 ms until a pid other than `old` answers (bounded: 10 s). */
async function newPid(port, old) {
  const deadline = clock() + 10_000;
  while (clock() < deadline) {
    const pid = await get(port);
    if (pid !== null && pid !== old) return { pid, t: clock() };
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('restart-check: no new pid answered within 10 s');
}

async function events(file) {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const work = await mkdtemp(join(tmpdir(), 'resilab-restart-check-'));
const port = await freePort();
const eco = join(work, 'ecosystem.config.cjs');
const log = join(work, 'events.jsonl');
await writeFile(
  eco,
  `module.exports = { apps: [{ name: 'rc', script: ${JSON.stringify(join(ROOT, 'sample-apps/http-app.js'))}, env: { PORT: '${port}' }, restart_delay: 0, max_restarts: 100, out_file: '/dev/null', error_file: '/dev/null' }] };\n`,
);
const runtime = spawn(process.execPath, [BIN, 'runtime', eco, '--events', log], { stdio: 'ignore' });
const rows = [];
try {
  let current = await newPid(port, null);
  for (let i = 0; i < Number(values.rounds); i++) {
    await new Promise((r) => setTimeout(r, 300)); // let the process settle after it first answers
    const killedAt = clock();
    process.kill(current.pid, 'SIGKILL');
    const next = await newPid(port, current.pid);
    const all = await events(log);
    const exit = all.find((e) => e.type === 'exit' && e.pid === current.pid);
    const up = all.find((e) => e.type === 'listening' && e.pid === next.pid);
    rows.push({
      observer_ms: next.t - killedAt,
      log_ms: exit && up ? up.t - killedAt : null,
      detect_ms: exit ? exit.t - killedAt : null,
      restart_ms: exit && up ? up.t - exit.t : null,
    });
    current = next;
  }
} finally {
  const gone = new Promise((r) => runtime.once('exit', r));
  runtime.kill('SIGTERM');
  await gone;
  await rm(work, { recursive: true, force: true });
}
const p50 = (key) =>
  round(
    percentile(
      rows.map((r) => r[key]).filter((v) => v !== null),
      50,
    ),
  );
const diffs = rows.filter((r) => r.log_ms !== null).map((r) => r.observer_ms - r.log_ms);
console.log(
  JSON.stringify({
    bench: 'restart-vs-event-log',
    target:
      'resilab runtime, fork ×1 http-app, SIGKILL from outside; observer = first answer from the new pid',
    rounds: rows.length,
    restart_p50_ms: p50('restart_ms'),
    detect_p50_ms: p50('detect_ms'),
    log_kill_to_listening_p50_ms: p50('log_ms'),
    observer_kill_to_answer_p50_ms: p50('observer_ms'),
    observer_minus_log_ms: { p50: round(percentile(diffs, 50)), max: round(Math.max(...diffs)) },
    ratio_observer_to_log: round(p50('observer_ms') / p50('log_ms')),
    note: 'observer − log ≥ 0 is the time from the listening event to the first answered poll (2 ms polls)',
  }),
);
