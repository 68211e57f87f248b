// Proves the statistical CI gate on this machine: (a) back-to-back compares of unchanged runs → how
// many false regressions (goal ≤ 1 in 20); (b) the same with a real slowdown, the sample app's
// BOOT_DELAY_MS=40 in the current side's variant (each restart ~40 ms slower; the floor, booted with
// the app's own env, is not) → how many compares find it (goal ≥ 19 of 20). Each compare is what
// `resilab compare`/`ci` decide by default: every metric, the statistical gate, DEFAULT_TRIALS runs a
// side. A small restart-latency scenario keeps it to a few minutes. Prints one JSON object.
// Run `npm run build` first:
//   node bench/gate-proof.js [--pairs 20] [--trials N] [--kills 8] [--spacing 700] [--delay 40] [--save DIR]
//   node bench/gate-proof.js --from DIR          re-decide saved runs (no new run: tune without waiting)
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  compareTrials,
  DEFAULT_DECIDE,
  DEFAULT_TRIALS,
  loadScenario,
  loadTrials,
  runScenario,
} from '../dist/index.js';
import { gateScenario } from './lib/gate-scenario.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '20' },
    trials: { type: 'string', default: String(DEFAULT_TRIALS) },
    kills: { type: 'string', default: '8' },
    spacing: { type: 'string', default: '700' },
    delay: { type: 'string', default: '40' },
    save: { type: 'string' },
    from: { type: 'string' },
    'min-effect': { type: 'string' },
  },
});
const PAIRS = Number(values.pairs);
/** The decision rule: `compare`'s default, or another minimum effect to try on saved runs. */
const DECIDE =
  values['min-effect'] === undefined
    ? DEFAULT_DECIDE
    : { ...DEFAULT_DECIDE, minEffect: Number(values['min-effect']) };
const TRIALS = Number(values.trials);

/** One side's scenario: fork ×1 killed `kills` times; `slow` adds BOOT_DELAY_MS. */
function scenario(slow) {
  return gateScenario({
    slow,
    kills: Number(values.kills),
    spacing: Number(values.spacing),
    delay: values.delay,
  });
}

/** `TRIALS` runs of one side; their results, also saved under `dir` when --save is given. */
async function side(file, outDir) {
  const loaded = await loadScenario(file);
  const runs = [];
  for (let t = 0; t < TRIALS; t++) runs.push((await runScenario(loaded, { outDir })).results);
  return runs;
}

/** The regressions a compare finds (variant.metric names). */
function regressions(baseline, current) {
  return compareTrials(baseline, current, { gate: 'stats', tolerance: 0.2, decide: DECIDE })
    .filter((r) => r.regression)
    .map((r) => `${r.variant}.${r.metric}`);
}

async function measure() {
  const work = await mkdtemp(join(tmpdir(), 'resilab-gate-proof-'));
  const save = values.save ?? join(work, 'runs');
  const files = { same: join(work, 'same.yaml'), slow: join(work, 'slow.yaml') };
  await writeFile(files.same, JSON.stringify(scenario(false)));
  await writeFile(files.slow, JSON.stringify(scenario(true)));
  const started = performance.now();
  try {
    // Interleaved so both sides see the same machine: U0, then per pair U(i+1), S(i+1).
    const unchanged = [await side(files.same, join(save, 'unchanged', '00'))];
    const slowed = [];
    for (let i = 1; i <= PAIRS; i++) {
      const tag = String(i).padStart(2, '0');
      unchanged.push(await side(files.same, join(save, 'unchanged', tag)));
      slowed.push(await side(files.slow, join(save, 'slow', tag)));
      process.stderr.write(`gate-proof: pair ${i}/${PAIRS}\n`);
    }
    return { unchanged, slowed, seconds: Math.round((performance.now() - started) / 1000) };
  } finally {
    if (!values.save) await rm(work, { recursive: true, force: true });
  }
}

/** Saved runs: <dir>/unchanged/<nn>/… and <dir>/slow/<nn>/…, each a directory of trials. */
async function fromDisk(dir) {
  const load = async (kind) => {
    const tags = (await readdir(join(dir, kind)).catch(() => [])).sort();
    return Promise.all(tags.map((t) => loadTrials(join(dir, kind, t))));
  };
  return { unchanged: await load('unchanged'), slowed: await load('slow'), seconds: null };
}

const data = values.from ? await fromDisk(values.from) : await measure();
const falseAlarms = [];
const detections = [];
for (let i = 0; i + 1 < data.unchanged.length; i++)
  falseAlarms.push(regressions(data.unchanged[i], data.unchanged[i + 1]));
for (let i = 0; i < data.slowed.length; i++) detections.push(regressions(data.unchanged[i], data.slowed[i]));
const restartMs = (runs) =>
  runs
    .flatMap((r) => r.variants.flatMap((v) => v.faults.map((f) => f.metrics.restart_ms)))
    .filter((x) => x !== null);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
console.log(
  JSON.stringify({
    bench: 'gate-proof',
    trials_per_side: values.from ? null : TRIALS,
    kills_per_run: values.from ? null : Number(values.kills),
    spacing_ms: values.from ? null : Number(values.spacing),
    boot_delay_ms: values.from ? null : Number(values.delay),
    seconds: data.seconds,
    false_regressions: {
      compares: falseAlarms.length,
      alarmed: falseAlarms.filter((r) => r.length > 0).length,
      goal: '<= 1 of 20',
    },
    detections: {
      compares: detections.length,
      detected: detections.filter((r) => r.length > 0).length,
      goal: '>= 19 of 20',
    },
    restart_p50_ms: {
      unchanged: median(restartMs(data.unchanged.flat())),
      slowed: median(restartMs(data.slowed.flat())),
    },
    false_alarm_metrics: falseAlarms.flat(),
    detected_by: detections.map((r) => r.join(' ')),
  }),
);
