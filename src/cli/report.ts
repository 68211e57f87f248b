// `resilab report` (re-render every report from a results.json) and `resilab compare` (regression
// check of two results.json). Commander wiring only; the work is in the programmatic API.
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { LabError } from '../errors.js';
import { GATE_OPTIONS, type GateFlags, parseGate } from './gate-flags.js';

/** '20%' → 0.2, '0.2' → 0.2; anything else (or a bare number above 1) is a usage error. */
export function parseTolerance(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!match || !Number.isFinite(value) || (!match[2] && value > 1)) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `--tolerance: expected a percentage like "20%" or a fraction like 0.2, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** Adds `report` and `compare` to the program. */
export function register(program: Command): void {
  program
    .command('report')
    .description('re-render report.html, summary.md and charts/*.png from a results.json')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab report reports/crash-recovery/<timestamp>/results.json\n  $ resilab report results.json --out /tmp/report',
    )
    .argument('<results>', 'a results.json written by a run')
    .option('--out <dir>', 'write the reports here instead of next to the results file')
    .action(async (file: string, options: { out?: string }) => {
      const api = await import('../index.js');
      const results = await api.loadResults(file);
      const { dir } = await api.writeReports(results, options.out ?? dirname(file));
      process.stdout.write(
        api.renderTerminal(results, {
          color: Boolean(process.stdout.isTTY),
          reportPath: `${dir}/report.html`,
        }),
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
