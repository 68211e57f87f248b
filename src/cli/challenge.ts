// `resilab challenge`: the 10-million-loop stress challenge in one command: one instance, then a
// cluster, N simultaneous GET /cpu, medians over rounds, the verdict in plain words.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { LabError } from '../errors.js';

interface ChallengeFlags {
  loops: string;
  requests: string;
  instances?: string;
  rounds: string;
  curve: boolean;
  curveMax?: string;
  json?: boolean;
  out: string;
  live?: boolean;
  manager: string;
}

/** A whole number ≥ min from a flag, or exit 2 naming the flag and the value. */
function wholeNumber(flag: string, value: string, min: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `${flag}: expected a whole number >= ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/** Registers `challenge`. */
export function register(program: Command): void {
  program
    .command('challenge')
    .description(
      'the 10-million-loop challenge: N simultaneous CPU-bound requests, one instance vs a cluster',
    )
    .option('--loops <n>', 'iterations of the blocking loop per request', '10000000')
    .option('--requests <n>', 'simultaneous requests per round', '2')
    .option('--instances <n>', 'cluster instances (default: the CPU count, at least 2)')
    .option('--rounds <n>', 'rounds per mode; the figures are medians', '5')
    .option('--curve-max <n>', 'highest instance count of the scaling curve (default: 2 × CPUs)')
    .option('--no-curve', 'skip the scaling curve (instances 1..N against requests/s on /cpu)')
    .option(
      '--manager <name>',
      "the supervisor: resilab or pm2 (the user's PM2, found at run time)",
      'resilab',
    )
    .option('--json', 'print one JSON object instead of the table')
    .option('--live', 'serve a page on 127.0.0.1 (URL printed) that follows the challenge as it runs')
    .option('--out <dir>', 'where the report goes: <dir>/challenge/<timestamp>/', 'reports')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab challenge --requests 2 --rounds 5\n  $ resilab challenge --json --no-curve\n  $ resilab challenge --live    # open the printed URL on the projector\n  $ resilab challenge --manager pm2',
    )
    .action(async (flags: ChallengeFlags) => {
      const cpus = availableParallelism();
      const instances = flags.instances ? wholeNumber('--instances', flags.instances, 2) : Math.max(2, cpus);
      if (flags.manager !== 'resilab' && flags.manager !== 'pm2')
        throw new LabError(
          'RESILAB_E_USAGE',
          `--manager: expected resilab or pm2 (the challenge runs fork and cluster and scales), got ${JSON.stringify(flags.manager)}`,
        );
      const options = {
        manager: flags.manager === 'pm2' ? ('pm2' as const) : ('resilab' as const),
        loops: wholeNumber('--loops', flags.loops, 1),
        requests: wholeNumber('--requests', flags.requests, 1),
        instances,
        rounds: wholeNumber('--rounds', flags.rounds, 1),
        curveMax: flags.curve
          ? flags.curveMax
            ? wholeNumber('--curve-max', flags.curveMax, 1)
            : Math.min(8, Math.max(instances, cpus * 2))
          : 0,
      };
      const { runChallengeCommand } = await import('./challenge-action.js');
      process.exitCode = await runChallengeCommand(options, {
        json: flags.json === true,
        outDir: flags.out,
        live: flags.live === true,
      });
    });
}
