// `resilab ci`: the CI preset (scenarios/ci/*.yaml), JUnit + Markdown, baseline comparison.
// Exit codes: 0 ok, 1 a threshold failed or a regression, 2 bad input, 3 a run could not be
// carried out, 130 interrupted (partial results written). Commander wiring only.
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { onInterrupt } from './interrupt.js';
import { progressPrinter } from './progress.js';
import { parseTolerance } from './report.js';

interface CiFlags {
  scenarios?: string;
  baseline?: string[];
  junit?: string;
  out: string;
  tolerance: string;
}

/** Registers `ci`. */
export function register(program: Command): void {
  program
    .command('ci')
    .description(
      'run the CI scenarios (scenarios/ci/*.yaml), write JUnit and Markdown, compare with baselines',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab ci --junit junit.xml\n  $ resilab ci --baseline baseline/ci-reload.json --tolerance 30%',
    )
    .option(
      '--scenarios <dir>',
      'directory of scenario files (default: ./scenarios/ci, else the built-in set)',
    )
    .option('--baseline <results.json...>', 'baseline results, matched to the runs by scenario name')
    .option('--junit <file>', 'where the JUnit XML goes (default: <out>/junit.xml)')
    .option('--out <dir>', 'where runs, reports and ci-summary.md go', 'reports')
    .option('--tolerance <percent>', 'how much worse a metric may get before it is a regression', '20%')
    .action(async (flags: CiFlags) => {
      process.exitCode = await ciCommand(flags);
    });
}

async function ciCommand(flags: CiFlags): Promise<number> {
  const tolerance = parseTolerance(flags.tolerance);
  const api = await import('../index.js');
  const interrupt = onInterrupt();
  const printer = progressPrinter(process.stderr);
  const color = process.stdout.isTTY === true;
  try {
    const outcome = await api.runCi({
      scenariosDir: flags.scenarios,
      baselines: flags.baseline,
      junit: flags.junit,
      outDir: flags.out,
      tolerance,
      signal: interrupt.signal,
      onProgress: printer.update,
      onScenario: (entry) => {
        printer.done();
        if (entry.results) {
          const reportPath = entry.dir ? `${entry.dir}/report.html` : undefined;
          process.stdout.write(api.renderTerminal(entry.results, { color, reportPath }));
        } else process.stdout.write(`${entry.scenario}: could not run: ${entry.error}\n`);
        if (entry.comparison)
          process.stdout.write(api.renderComparison(entry.comparison, { color, tolerance }));
        process.stdout.write('\n');
      },
    });
    process.stdout.write(`JUnit: ${outcome.junit}\nSummary: ${outcome.summary}\n`);
    if (interrupt.signal.aborted) return EXIT.interrupted;
    return outcome.code;
  } finally {
    printer.done();
    interrupt.release();
  }
}
