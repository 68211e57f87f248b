// Commander wiring only: each command group registers itself from its own file, and every error
// becomes one line on stderr and an exit code (a stack trace only with --verbose).
import { Command, CommanderError } from 'commander';
import { EXIT, LabError } from '../errors.js';
import { version } from '../version.js';
import { register as challenge } from './challenge.js';
import { register as registerCi } from './ci.js';
import { register as exportCommands } from './export.js';
import { register as lab } from './lab.js';
import { register as pm2Commands } from './pm2-commands.js';
import { register as pm2Words } from './pm2-words.js';
import { register as registerReport } from './report.js';
import { register as registerRun } from './run.js';
import { register as runtime } from './runtime.js';
import { register as scenarios } from './scenarios.js';

/** A command group adds its commands to the program. One file per group, listed here. */
type Register = (program: Command) => void;
// In the order a newcomer meets them: the lab, the challenge, scenarios and reports, CI, then the
// PM2-style commands and the foreground supervisor.
const groups: Register[] = [
  lab,
  challenge,
  registerRun,
  scenarios,
  registerReport,
  registerCi,
  exportCommands,
  pm2Commands,
  pm2Words,
  runtime,
];

/** Runs the CLI with argv and resolves to the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('resilab')
    .description('A load-testing and resilience lab for Node.js, with a PM2-compatible supervisor.')
    .version(version, '-v, --version')
    .option('--verbose', 'show stack traces of unexpected errors')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const register of groups) register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error, argv.includes('--verbose'));
  }
}

/** Turns any error into one stderr line and an exit code. */
export function report(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help/version).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof LabError) {
    process.stderr.write(`resilab: ${error.message} [${error.code}]\n`);
    if (verbose && error.cause)
      process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  process.stderr.write(`resilab: unexpected error: ${err?.message ?? String(error)}\n`);
  if (verbose) process.stderr.write(`${err?.stack ?? ''}\n`);
  else process.stderr.write('resilab: run again with --verbose for the stack trace\n');
  return EXIT.cannotRun;
}
