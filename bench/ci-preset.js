// The CI preset's cost and figures: `resilab ci` on the built-in scenarios/ci/ (restart latency,
// reload, crash loop), timed end to end. Goal (cipreset brief): under 60 s on a 2-core machine.
// Prints one JSON object: the total time, the exit code, and each scenario's gated figures with the
// run's floor (bare boot → listening, median), so restart times also read as ratios to it.
// Run `npm run build` first:  node bench/ci-preset.js
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const GOAL_S = 60;
const FIGURES = [
  'restart_p50_ms',
  'restart_p95_ms',
  'restart_ms',
  'detect_p50_ms',
  'restarts',
  'reload_ms',
  'reload_failed_requests',
  'failed_requests',
  'refused_connects',
  'errored',
  'boots_to_errored',
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value) {
  return typeof value === 'number' ? Math.round(value * 100) / 100 : value;
}

/** Runs `resilab ci` from the package root; resolves with its exit code and wall time. */
function runCi(out) {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'ci', '--out', out], { cwd: ROOT }, (error) => {
      resolve({ code: error ? (error.code ?? 1) : 0, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Each scenario's gated figures per variant, from its results.json. */
async function figures(out) {
  const scenarios = {};
  for (const name of (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const [run] = await readdir(join(out, name.name));
    const results = JSON.parse(await readFile(join(out, name.name, run, 'results.json'), 'utf8'));
    const floor = median(results.floor?.boot_to_listening_ms ?? []);
    const variants = {};
    for (const v of results.variants) {
      const picked = Object.fromEntries(
        FIGURES.filter((m) => v.metrics[m] !== null).map((m) => [m, round(v.metrics[m])]),
      );
      if (floor && typeof v.metrics.restart_p50_ms === 'number')
        picked.restart_p50_over_floor = round(v.metrics.restart_p50_ms / floor);
      variants[v.name] = picked;
    }
    scenarios[results.scenario.name] = {
      seconds: round((results.ended_at - results.started_at) / 1000),
      floor_ms: round(floor),
      thresholds_failed: results.thresholds.filter((t) => !t.pass).map((t) => t.message),
      variants,
    };
  }
  return scenarios;
}

const out = await mkdtemp(join(tmpdir(), 'resilab-bench-ci-'));
try {
  const { code, seconds } = await runCi(out);
  console.log(
    JSON.stringify({
      total_s: round(seconds),
      goal_s: GOAL_S,
      within_goal: seconds < GOAL_S,
      exit_code: code,
      scenarios: await figures(out),
    }),
  );
} finally {
  await rm(out, { recursive: true, force: true });
}
