// `resilab runtime <script|ecosystem> [flags] [-- args]`: the supervisor in the foreground (like
// pm2-runtime). Commander wiring only; the work is runForeground in the programmatic API.
import type { Command } from 'commander';

/** The flags as commander parses them. */
interface Options {
  instances?: string;
  name?: string;
  env?: string;
  maxMemoryRestart?: string;
  restartDelay?: string;
  expBackoffRestartDelay?: string;
  maxRestarts?: string;
  minUptime?: string;
  killTimeout?: string;
  listenTimeout?: string;
  waitReady?: boolean;
  autorestart: boolean;
  events?: string;
  ipc?: boolean;
}

/** Adds `runtime` to the program. */
export function register(program: Command): void {
  program
    .command('runtime')
    .description('run apps in the foreground under the supervisor (like pm2-runtime)')
    .argument('<target>', 'a script or an ecosystem file')
    .argument('[args...]', 'arguments for the script, after --')
    .option('-i, --instances <n>', "instances: a number, 'max' or -1 (cluster mode)")
    .option('--name <name>', 'the app name')
    .option('--env <name>', 'use env_<name> of the ecosystem file')
    .option('--max-memory-restart <size>', "restart above this RSS ('150M')")
    .option('--restart-delay <ms>', 'wait before a restart')
    .option('--exp-backoff-restart-delay <ms>', 'first exponential backoff delay')
    .option('--max-restarts <n>', 'unstable exits in a row before errored')
    .option('--min-uptime <ms>', 'a run shorter than this is unstable')
    .option('--kill-timeout <ms>', 'grace period before SIGKILL')
    .option('--listen-timeout <ms>', 'wait this long for listening/ready')
    .option('--wait-ready', "wait for process.send('ready')")
    .option('--no-autorestart', 'do not restart apps that exit')
    .option('--events <file>', 'write every supervisor event to this file as JSON lines')
    .option('--ipc', 'serve the parent process over the IPC channel (used by the runner)')
    .action(async (target: string, args: string[], options: Options) => {
      // Straight to the supervisor, not ../index.js: the supervisor is a long-lived process whose RSS
      // is a measured figure, and the full API would load the runner, load generator and reports.
      const { runForeground } = await import('../supervisor/foreground.js');
      const { events, ipc, autorestart, ...rest } = options;
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
      });
    });
}
