// `resilab run <scenario...>`: runs scenarios (a path or a built-in name), shows progress on stderr,
// then the summary table and where the results went. Exit codes: 0 ok, 1 a threshold failed,
// 2 bad input, 3 could not run, 130 interrupted (partial results written).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, LabError } from '../errors.js';
import type { Results, Scenario, Threshold } from '../index.js';
import { onInterrupt } from './interrupt.js';
import { progressPrinter } from './progress.js';

interface RunFlags {
  out?: string;
  quick?: boolean;
  json?: boolean;
  expect?: string[];
  allowRemoteTarget?: boolean;
  live?: boolean;
}

/** Registers `run`. */
export function register(program: Command): void {
  program
    .command('run')
    .description('run scenarios (a file, or the name of a built-in scenario) and write their results')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab run crash-recovery --quick\n  $ resilab run crash-recovery --live    # open the printed URL to watch the charts as the run goes\n  $ resilab run ./my-scenario.yaml --expect "cluster.failed_requests<=5"',
    )
    .argument('<scenario...>', 'scenario files or built-in scenario names')
    .option('--out <dir>', 'where results go: <dir>/<scenario>/<timestamp>/', 'reports')
    .option('--quick', 'a shorter run (CI preset): load, warm-up and fault times scaled down')
    .option('--json', 'print the results as JSON on stdout instead of the summary')
    .option('--expect <expr...>', 'extra thresholds, e.g. "cluster.failed_requests<=5"')
    .option('--allow-remote-target', 'allow a scenario whose host is not loopback')
    .option('--live', 'serve a page on 127.0.0.1 (URL printed) that draws the charts while the run happens')
    .action(async (names: string[], flags: RunFlags) => {
      process.exitCode = await runCommand(names, flags);
    });
}

async function runCommand(names: string[], flags: RunFlags): Promise<number> {
  const api = await import('../index.js');
  const extra: Threshold[] = (flags.expect ?? []).map((text) => api.parseExpectFlag(text));
  const scenarios: Scenario[] = [];
  for (const name of names) {
    const scenario = await api.loadScenario(await locate(name, api.BUILTIN_SCENARIOS_DIR, api.listScenarios));
    scenarios.push(flags.quick ? api.quickScenario(scenario) : scenario);
  }
  const interrupt = onInterrupt(() =>
    process.stderr.write('\nresilab: stopping the run and writing what was measured…\n'),
  );
  const all: Results[] = [];
  let code: number = EXIT.ok;
  const live = flags.live
    ? await api.startLiveServer({ title: scenarios.map((s) => s.name).join(', ') })
    : null;
  if (live) process.stderr.write(`live view: ${live.url}\n`);
  try {
    for (const scenario of scenarios) {
      if (interrupt.signal.aborted) break;
      const printer = progressPrinter(process.stderr);
      let outcome: { results: Results; dir: string };
      try {
        outcome = await api.runScenario(scenario, {
          outDir: flags.out,
          allowRemoteTarget: flags.allowRemoteTarget,
          signal: interrupt.signal,
          onProgress: printer.update,
          extraThresholds: extra,
          onLive: live?.sink,
        });
      } finally {
        printer.done();
      }
      all.push(outcome.results);
      const file = join(outcome.dir, 'results.json');
      if (flags.json) process.stderr.write(`results: ${file}\n`);
      else
        process.stdout.write(
          `${api.renderTerminal(outcome.results, { color: process.stdout.isTTY === true, reportPath: outcome.dir })}\nresults: ${file}\n`,
        );
      if (outcome.results.thresholds.some((t) => !t.pass)) code = EXIT.failed;
    }
  } finally {
    await live?.close({ partial: interrupt.signal.aborted });
    interrupt.release();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(all.length === 1 ? all[0] : all, null, 2)}\n`);
  if (interrupt.signal.aborted) {
    process.stderr.write('resilab: interrupted; partial results were written [RESILAB_E_INTERRUPTED]\n');
    return EXIT.interrupted;
  }
  return code;
}

/** A scenario argument as a file: an existing path, or scenarios/<name>.yaml of the built-ins. */
export async function locate(
  name: string,
  builtinDir: string,
  list: (dir: string) => Promise<{ name: string }[]>,
): Promise<string> {
  if (existsSync(name)) return name;
  for (const ext of ['.yaml', '.yml']) {
    const file = join(builtinDir, `${name}${ext}`);
    if (existsSync(file)) return file;
  }
  const known = (await list(builtinDir)).map((s) => s.name).join(', ') || 'none';
  throw new LabError(
    'RESILAB_E_USAGE',
    `scenario: no file and no built-in scenario named ${JSON.stringify(name)} (built-in: ${known})`,
  );
}
