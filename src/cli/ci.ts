// `resilab ci`: the CI preset (scenarios/ci/*.yaml), JUnit + Markdown, baseline comparison.
// Exit codes: 0 ok, 1 a threshold failed or a regression, 2 bad input, 3 a run could not be
// carried out, 130 interrupted (partial results written). Commander wiring only.
import type { Command } from 'commander';
import { EXIT, LabError } from '../errors.js';
import { GATE_OPTIONS, type GateFlags, parseGate } from './gate-flags.js';
import { onInterrupt } from './interrupt.js';
import { progressPrinter } from './progress.js';

interface CiFlags extends GateFlags {
  scenarios?: string;
  baseline?: string[];
  junit?: string;
  out: string;
  trials?: string;
}

/** Registers `ci`. */
export function register(program: Command): void {
  const ci = program
    .command('ci')
    .description(
      'run the CI scenarios (scenarios/ci/*.yaml), write JUnit and Markdown, compare with baselines',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab ci --junit junit.xml\n  $ resilab ci --trials 6 --baseline ci-baseline/ --junit junit.xml\n  $ resilab ci --baseline baseline/ci-reload.json --tolerance 30%',
    )
    .option(
      '--scenarios <dir>',
      'directory of scenario files (default: ./scenarios/ci, else the built-in set)',
    )
    .option(
      '--baseline <path...>',
      'baseline results.json files or directories of trials, matched to the runs by scenario name',
    )
    .option(
      '--trials <n>',
      'runs of each scenario, the trials the statistical gate compares (default 6; the statistical gate needs 2 or more)',
    )
    .option('--junit <file>', 'where the JUnit XML goes (default: <out>/junit.xml)')
    .option('--out <dir>', 'where runs, reports and ci-summary.md go', 'reports');
  for (const [flag, help] of GATE_OPTIONS) ci.option(flag, help);
  ci.action(async (flags: CiFlags) => {
    process.exitCode = await ciCommand(flags);
  });
}

async function ciCommand(flags: CiFlags): Promise<number> {
  const gate = parseGate(flags);
  const trials = parseTrials(flags.trials);
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
      tolerance: gate.tolerance,
      gate: gate.gate,
      minEffect: gate.minEffect,
      trials,
      signal: interrupt.signal,
      onProgress: printer.update,
      onScenario: (entry) => {
        printer.done();
        if (entry.results) {
          const reportPath = entry.dir ? `${entry.dir}/report.html` : undefined;
          process.stdout.write(api.renderTerminal(entry.results, { color, reportPath }));
        } else process.stdout.write(`${entry.scenario}: could not run: ${entry.error}\n`);
        if (entry.comparison)
          process.stdout.write(api.renderComparison(entry.comparison, { color, ...gate }));
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

/** --trials: a whole number from 1 to 50 (undefined → the default). */
function parseTrials(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1 || n > 50)
    throw new LabError(
      'RESILAB_E_USAGE',
      `--trials: expected a whole number from 1 to 50, got ${JSON.stringify(text)}`,
    );
  return n;
}
