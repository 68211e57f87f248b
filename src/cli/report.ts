// `resilab report` (re-render every report from a results.json or a challenge.json) and `resilab compare` (regression
// check of two results.json). Commander wiring only; the work is in the programmatic API.
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { GATE_OPTIONS, type GateFlags, parseGate } from './gate-flags.js';

export { parseTolerance } from './gate-flags.js';

/** Adds `report` and `compare` to the program. */
export function register(program: Command): void {
  program
    .command('report')
    .description('re-render report.html, summary.md and charts/*.png from a results.json or a challenge.json')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab report reports/crash-recovery/<timestamp>/results.json\n  $ resilab report reports/challenge/<timestamp>/challenge.json --out /tmp/report',
    )
    .argument('<results>', 'a results.json written by a run, or a challenge.json')
    .option('--out <dir>', 'write the reports here instead of next to the results file')
    .action(async (file: string, options: { out?: string }) => {
      const api = await import('../index.js');
      const data = await api.loadReport(file);
      const { dir } = await api.writeReports(data, options.out ?? dirname(file));
      const terminal = { color: Boolean(process.stdout.isTTY), reportPath: `${dir}/report.html` };
      process.stdout.write(
        api.isChallengeResult(data)
          ? api.renderChallenge(data, terminal)
          : api.renderTerminal(data, terminal),
      );
    });

  const compare = program
    .command('compare')
    .description(
      'compare baseline and current runs (results.json files, or directories of trials); exit 1 on a regression',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab compare base/results.json new/results.json\n  $ resilab compare reports/base/ci-restart-latency reports/new/ci-restart-latency --json\n  $ resilab compare base/results.json new/results.json --tolerance 30%',
    )
    .argument('<baseline>', 'a results.json, or a directory: every results.json under it is one trial')
    .argument('<current>', 'the new results.json, or a directory of trials');
  for (const [flag, help] of GATE_OPTIONS) compare.option(flag, help);
  compare
    .option('--json', 'print the comparison as JSON')
    .action(async (baselinePath: string, currentPath: string, options: GateFlags & { json?: boolean }) => {
      const gate = parseGate(options);
      const api = await import('../index.js');
      const [baseline, current] = await Promise.all([
        api.loadSide([baselinePath]),
        api.loadSide([currentPath]),
      ]);
      const rows = api.compareTrials(baseline, current, {
        gate: gate.gate,
        tolerance: gate.tolerance,
        decide: { ...api.DEFAULT_DECIDE, minEffect: gate.minEffect },
      });
      const text = options.json
        ? `${JSON.stringify(rows, null, 2)}\n`
        : api.renderComparison(rows, { color: Boolean(process.stdout.isTTY), ...gate });
      process.stdout.write(text);
      process.exitCode = rows.some((r) => r.regression) ? 1 : 0;
    });
}
