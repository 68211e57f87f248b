// `resilab lab` (what `npm start` runs): the default lab in one command, for someone who has never
// used PM2: the challenge, crash recovery, restart vs reload, and one index page of reports.
import type { Command } from 'commander';

/** Registers `lab`. */
export function register(program: Command): void {
  program
    .command('lab')
    .description('the default lab: the 10-million-loop challenge, crash recovery, restart vs reload (~90 s)')
    .option('--out <dir>', 'where reports go; the index is <dir>/index.html', 'reports')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab lab            # or: npm start\n  $ resilab lab --out /tmp/lab',
    )
    .action(async (flags: { out: string }) => {
      const { runLabCommand } = await import('./lab-action.js');
      process.exitCode = await runLabCommand(flags.out);
    });
}
