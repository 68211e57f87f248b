// Cross-check of downtime_ms against an independent poller in a separate process (bench/lib/poller.js:
// fresh-connection GETs every 5 ms, its own clock). For each fault kind (crash, kill, restart,
// memory restart) one fork ×1 run with resilab's probe at 5 ms; the poller's longest gap between
// successes beside the lab's downtime_ms. Goal: within 10 ms. Prints one JSON line.
// Run `npm run build` first:  node bench/downtime-check.js [--rounds 1]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadScenario, runScenario } from '../dist/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GOAL_MS = 10;
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' } } });

/** Each case: the fault (and app settings) whose outage both observers measure. */
const CASES = {
  crash: { faults: [{ at: '1500ms', crash: { via: 'http', path: '/crash' } }] },
  kill: { faults: [{ at: '1500ms', kill: { signal: 'SIGKILL', instance: 0 } }] },
  restart: { faults: [{ at: '1500ms', restart: {} }] },
  'memory restart': {
    // The leak route past max_memory_restart: the supervisor replaces the process (checked every 250 ms).
    supervisor: { max_memory_restart: '100M', memory_check_interval: 250 },
    faults: [{ at: '1000ms', leak: { mb: 20, rate: 20, duration: '1s' } }],
  },
};

function scenario(name, spec, outFile) {
  return {
    name: `downtime-check-${name.replace(' ', '-')}`,
    description: `downtime cross-check: ${name}`,
    app: {
      script: join(ROOT, 'sample-apps/http-app.js'),
      supervisor: { restart_delay: 0, out_file: outFile, merge_logs: true, ...(spec.supervisor ?? {}) },
    },
    variants: [{ name: 'fork', exec_mode: 'fork', instances: 1 }],
    load: { path: '/', connections: 2, rate: 200, duration: '4s', warmup: '0ms' },
    probe: { path: '/', interval: '5ms', timeout: '500ms' },
    faults: spec.faults,
  };
}

async function once(name, spec, work, n) {
  // One out_file per round: the poller reads the app's port from it, and a file left by an earlier
  // round names that round's (closed) port, so every poll of a reused file failed (0 ms "gaps").
  const base = `${name.replace(' ', '-')}-${n}`;
  const outFile = join(work, `${base}.log`);
  const file = join(work, `${base}.yaml`);
  await writeFile(file, JSON.stringify(scenario(name, spec, outFile)));
  const poller = spawn(process.execPath, [join(ROOT, 'bench/lib/poller.js'), outFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  poller.stdout.on('data', (c) => {
    out += c;
  });
  const done = new Promise((resolve) => poller.once('close', resolve));
  try {
    const { results } = await runScenario(await loadScenario(file), { outDir: join(work, 'reports') });
    poller.stdin.end();
    await done;
    const lab = results.variants[0]?.faults[0]?.metrics.downtime_ms ?? null;
    const poll = JSON.parse(out.trim()).longest_gap_ms;
    const diff = lab === null || poll === null ? null : round(lab - poll);
    return { lab_ms: round(lab), poller_ms: round(poll), diff_ms: diff };
  } finally {
    if (poller.exitCode === null && poller.signalCode === null) poller.kill('SIGKILL');
  }
}

const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
const work = await mkdtemp(join(tmpdir(), 'resilab-downtime-check-'));
const cases = {};
try {
  for (let r = 0; r < Number(values.rounds); r++)
    for (const [name, spec] of Object.entries(CASES)) {
      const result = await once(name, spec, work, r);
      cases[name] = [...(cases[name] ?? []), result];
    }
} finally {
  await rm(work, { recursive: true, force: true });
}
const all = Object.values(cases).flat();
const diffs = all.map((c) => c.diff_ms).filter((d) => d !== null);
console.log(
  JSON.stringify({
    bench: 'downtime-vs-independent-poller',
    goal: `|lab − poller| <= ${GOAL_MS} ms`,
    worst_abs_diff_ms: diffs.length ? Math.max(...diffs.map(Math.abs)) : null,
    // A case either observer could not measure fails the check: it is not agreement.
    pass: diffs.length === all.length && diffs.every((d) => Math.abs(d) <= GOAL_MS),
    cases,
  }),
);
