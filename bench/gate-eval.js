// Evaluates the CI gate's decision offline on a recorded corpus (bench/gate-record.js): for each
// setting (trials a side, faults kept per run, minimum effect), how often a compare of two sets of
// unchanged runs finds a regression (false alarm) and how often unchanged vs slowed runs do
// (detection). Pairs are drawn at random from the whole corpus (seeded; runs far apart in time
// differ more than back-to-back ones, so this is the harder case) and also taken back-to-back in
// recording order, as bench/gate-proof.js does. `--inject 1.33` also slows recorded unchanged runs by
// that factor (each restart, and the downtime and first success after it, longer by the extra time):
// a known effect under the corpus's real noise, for when the machine's noise hides the real slowdown.
// Prints one JSON line per setting. `--power` instead models detection without a corpus: each trial's
// log median drawn from a normal law with a given run-to-run spread, decided as decide() does (Welch
// at Holm's first step, α ÷ family), for the spreads a quieter machine may have.
// Run `npm run build` first:
//   node bench/gate-eval.js --dir DIR [--trials 1,2,3] [--kills 8,16] [--min-effect 0.1] [--draws 200]
//   node bench/gate-eval.js --power [--trials 3,4,5,6] [--effect 1.33] [--family 17]
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareTrials, DEFAULT_DECIDE, loadTrials } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    trials: { type: 'string', default: '1' },
    kills: { type: 'string', default: '8' },
    'min-effect': { type: 'string', default: String(DEFAULT_DECIDE.minEffect) },
    draws: { type: 'string', default: '200' },
    inject: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    power: { type: 'boolean', default: false },
    effect: { type: 'string', default: '1.33' },
    family: { type: 'string', default: '17' },
  },
});
/** "1,2,3" → [1, 2, 3]. */
function list(text) {
  return text.split(',').map(Number);
}

if (values.power) {
  const { welch } = await import('../dist/metrics/t-test.js');
  const next = random(0x5eed);
  // Box–Muller: a standard normal from two uniforms.
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const alpha = (1 - DEFAULT_DECIDE.confidence) / Number(values.family);
  const shift = Math.log(Number(values.effect));
  for (const trials of list(values.trials)) {
    const caught = {};
    for (const spread of [0.03, 0.05, 0.08, 0.1, 0.15]) {
      let hits = 0;
      const draws = 4000;
      for (let d = 0; d < draws; d++) {
        const b = Array.from({ length: trials }, () => spread * normal());
        const c = Array.from({ length: trials }, () => shift + spread * normal());
        const w = welch(b, c);
        if (w && w.p < alpha && w.diff >= Math.log(1 + DEFAULT_DECIDE.minEffect)) hits++;
      }
      caught[`spread_${spread}`] = Math.round((hits / draws) * 100) / 100;
    }
    console.log(
      JSON.stringify({ trials, effect: Number(values.effect), family: Number(values.family), caught }),
    );
  }
  process.exit(0);
}
if (!values.dir) {
  console.error('usage: node bench/gate-eval.js --dir DIR [--trials 1,2] [--kills 8,16] [--min-effect 0.1]');
  process.exit(2);
}

/** Every run of one kind, in recording order (one trial per <nn> folder). */
async function runs(kind) {
  const tags = (await readdir(join(values.dir, kind)).catch(() => [])).sort();
  return (await Promise.all(tags.map((t) => loadTrials(join(values.dir, kind, t))))).flat();
}

/** The run as if it had injected only its first `kills` faults. */
function firstFaults(run, kills) {
  return { ...run, variants: run.variants.map((v) => ({ ...v, faults: v.faults.slice(0, kills) })) };
}

/** The run with every restart `factor` times as long, and what follows it later by the same time. */
function slowDown(run, factor) {
  const fault = (f) => {
    const r = f.metrics.restart_ms;
    if (typeof r !== 'number') return f;
    const extra = (factor - 1) * r;
    const later = (v) => (typeof v === 'number' ? v + extra : v);
    const m = f.metrics;
    return {
      ...f,
      metrics: {
        ...m,
        restart_ms: r + extra,
        restart_overhead_ms: later(m.restart_overhead_ms),
        downtime_ms: later(m.downtime_ms),
        time_to_first_success_ms: later(m.time_to_first_success_ms),
      },
    };
  };
  return { ...run, variants: run.variants.map((v) => ({ ...v, faults: v.faults.map(fault) })) };
}

/** mulberry32: the same draws every time, so two settings are judged on the same pairs. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indexes below n, from `next`, avoiding `taken`. */
function draw(next, n, count, taken = new Set()) {
  const out = [];
  while (out.length < count) {
    const i = Math.floor(next() * n);
    if (!taken.has(i) && !out.includes(i)) out.push(i);
  }
  return out;
}

function regressions(base, now, minEffect) {
  const decideOptions = { ...DEFAULT_DECIDE, minEffect };
  return compareTrials(base, now, { gate: 'stats', tolerance: 0.2, decide: decideOptions })
    .filter((r) => r.regression)
    .map((r) => r.metric);
}

function tally(outcomes) {
  const hits = outcomes.filter((o) => o.length > 0).length;
  const by = {};
  for (const m of outcomes.flat()) by[m] = (by[m] ?? 0) + 1;
  return {
    compares: outcomes.length,
    alarmed: hits,
    rate: Math.round((hits / outcomes.length) * 1000) / 1000,
    by,
  };
}

const unchanged = await runs('unchanged');
const slowed = await runs('slow');
for (const kills of list(values.kills))
  for (const trials of list(values.trials))
    for (const minEffect of list(values['min-effect'])) {
      const u = unchanged.map((r) => firstFaults(r, kills));
      const s = slowed.map((r) => firstFaults(r, kills));
      const next = random(0x5eed);
      const falseRandom = [];
      const detectRandom = [];
      const detectInjected = [];
      const inject = values.inject ? Number(values.inject) : null;
      for (let d = 0; d < Number(values.draws); d++) {
        const a = draw(next, u.length, trials);
        const b = draw(next, u.length, trials, new Set(a));
        falseRandom.push(
          regressions(
            a.map((i) => u[i]),
            b.map((i) => u[i]),
            minEffect,
          ),
        );
        if (inject !== null)
          detectInjected.push(
            regressions(
              a.map((i) => u[i]),
              b.map((i) => slowDown(u[i], inject)),
              minEffect,
            ),
          );
        const c = draw(next, s.length, trials);
        detectRandom.push(
          regressions(
            a.map((i) => u[i]),
            c.map((i) => s[i]),
            minEffect,
          ),
        );
      }
      // Back-to-back: consecutive groups of `trials` runs in recording order.
      const groups = (xs) =>
        Array.from({ length: Math.floor(xs.length / trials) }, (_, g) =>
          xs.slice(g * trials, (g + 1) * trials),
        );
      const ug = groups(u);
      const sg = groups(s);
      const falseAdjacent = ug.slice(1).map((g, i) => regressions(ug[i], g, minEffect));
      const detectAdjacent = sg.map((g, i) => regressions(ug[Math.min(i * 2, ug.length - 1)], g, minEffect));
      const row = {
        kills,
        trials,
        min_effect: minEffect,
        false_random: tally(falseRandom),
        detect_random: tally(detectRandom),
        false_adjacent: tally(falseAdjacent),
        detect_adjacent: tally(detectAdjacent),
        ...(inject !== null ? { inject, detect_injected: tally(detectInjected) } : {}),
      };
      if (!values.verbose)
        for (const k of [
          'false_random',
          'detect_random',
          'false_adjacent',
          'detect_adjacent',
          'detect_injected',
        ])
          if (row[k]) delete row[k].by;
      console.log(JSON.stringify(row));
    }
