// `resilab runtime <script|ecosystem> [flags] [-- args]`: the supervisor in the foreground (like
// pm2-runtime). Commander wiring only; the work is runForeground in the programmatic API.
import type { Command } from 'commander';
import type { RuntimeFlags } from '../supervise.js';
import { addRuntimeFlags } from './runtime-flags.js';

/** The flags as commander parses them. */
interface Options extends Omit<RuntimeFlags, 'args' | 'autorestart'> {
  autorestart: boolean;
  events?: string;
  ipc?: boolean;
  autoExit: boolean;
}

/** Adds `runtime` to the program. */
export function register(program: Command): void {
  addRuntimeFlags(
    program
      .command('runtime')
      .description('run apps in the foreground under the supervisor (like pm2-runtime)')
      .addHelpText(
        'after',
        '\nExample:\n  $ resilab runtime sample-apps/http-app.js -i 2 --name api\n  $ resilab runtime ecosystem.config.js --env production --events events.jsonl',
      )
      .argument('<target>', 'a script or an ecosystem file')
      .argument('[args...]', 'arguments for the script, after --'),
  )
    .option('--events <file>', 'write every supervisor event to this file as JSON lines')
    .option('--ipc', 'serve the parent process over the IPC channel (used by the runner)')
    .option(
      '--no-auto-exit',
      'keep running when every app has errored or stopped (default: exit, like pm2-runtime)',
    )
    .action(async (target: string, args: string[], options: Options) => {
      // Straight to the supervisor, not ../index.js: the supervisor is a long-lived process whose RSS
      // is a measured figure, and the full API would load the runner, load generator and reports.
      const { runForeground } = await import('../supervise.js');
      const { events, ipc, autorestart, autoExit, ...rest } = options;
      const flags = {
        ...rest,
        ...(autorestart === false ? { autorestart } : {}),
        ...(args.length ? { args } : {}),
      };
      process.exitCode = await runForeground({
        target,
        flags,
        eventsFile: events ?? null,
        ipc: ipc === true,
        autoExit,
      });
    });
}
