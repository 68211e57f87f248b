// `resilab report` (re-render every report from a results.json or a challenge.json) and `resilab compare` (regression
// check of two results.json). Commander wiring only; the work is in the programmatic API.
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { LabError } from '../errors.js';

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

  program
    .command('compare')
    .description('compare two results.json files; exit 1 when a metric regressed beyond the tolerance')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab compare base/results.json new/results.json --tolerance 30%',
    )
    .argument('<baseline>', 'the results.json to compare against')
    .argument('<current>', 'the new results.json')
    .option('--tolerance <percent>', 'how much worse a metric may get before it is a regression', '20%')
    .option('--json', 'print the comparison as JSON')
    .action(
      async (baselineFile: string, currentFile: string, options: { tolerance: string; json?: boolean }) => {
        const tolerance = parseTolerance(options.tolerance);
        const api = await import('../index.js');
        const [baseline, current] = await Promise.all([
          api.loadResults(baselineFile),
          api.loadResults(currentFile),
        ]);
        const rows = api.compareResults(baseline, current, { tolerance });
        const text = options.json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : api.renderComparison(rows, { color: Boolean(process.stdout.isTTY), tolerance });
        process.stdout.write(text);
        process.exitCode = rows.some((r) => r.regression) ? 1 : 0;
      },
    );
}
