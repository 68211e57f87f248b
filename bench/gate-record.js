// Records a corpus of single runs for tuning the CI gate offline (bench/gate-eval.js): unchanged
// and slowed (BOOT_DELAY_MS) runs of the gate-proof scenario, interleaved in a fixed pattern
// (`--pattern UUS`: two unchanged, one slowed, repeated) so the machine's drift hits both kinds.
// Each run is saved as <dir>/unchanged/<nn>/… or <dir>/slow/<nn>/… (the layout
// `bench/gate-proof.js --from` reads). Run `npm run build` first:
//   node bench/gate-record.js --dir DIR [--runs 36] [--pattern UUS] [--kills 16] [--spacing 700] [--delay 40]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario, runScenario } from '../dist/index.js';
import { gateScenario } from './lib/gate-scenario.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    runs: { type: 'string', default: '36' },
    pattern: { type: 'string', default: 'UUS' },
    kills: { type: 'string', default: '16' },
    spacing: { type: 'string', default: '700' },
    delay: { type: 'string', default: '40' },
  },
});
if (!values.dir || !/^[US]+$/.test(values.pattern)) {
  console.error('usage: node bench/gate-record.js --dir DIR [--runs N] [--pattern UUS]');
  process.exit(2);
}
const settings = {
  kills: Number(values.kills),
  spacing: Number(values.spacing),
  delay: Number(values.delay),
};
await mkdir(values.dir, { recursive: true });
const files = { U: join(values.dir, 'same.yaml'), S: join(values.dir, 'slow.yaml') };
await writeFile(files.U, JSON.stringify(gateScenario({ slow: false, ...settings })));
await writeFile(files.S, JSON.stringify(gateScenario({ slow: true, ...settings })));
const scenarios = { U: await loadScenario(files.U), S: await loadScenario(files.S) };
const count = { U: 0, S: 0 };
const started = performance.now();
for (let i = 0; i < Number(values.runs); i++) {
  const kind = values.pattern[i % values.pattern.length];
  const tag = String(count[kind]++).padStart(2, '0');
  const outDir = join(values.dir, kind === 'U' ? 'unchanged' : 'slow', tag);
  const t0 = performance.now();
  await runScenario(scenarios[kind], { outDir });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`gate-record: run ${i + 1}/${values.runs} ${kind} ${tag} (${s} s)\n`);
}
console.log(
  JSON.stringify({
    bench: 'gate-record',
    dir: values.dir,
    unchanged: count.U,
    slow: count.S,
    ...settings,
    seconds: Math.round((performance.now() - started) / 1000),
  }),
);
