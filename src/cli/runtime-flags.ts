// The PM2 process flags that `resilab runtime` and `resilab start` share: declared once, so the
// foreground and the daemon form of a command line mean the same thing.
import type { Command } from 'commander';

/** Adds -i/--instances, --name, --env and every restart/stop/readiness flag to a command. */
export function addRuntimeFlags(command: Command): Command {
  return command
    .option('-i, --instances <n>', "instances: a number, 'max' or -1 (more than one means cluster mode)")
    .option('-n, --name <name>', 'the app name')
    .option('--env <name>', 'merge env_<name> of the ecosystem file over env')
    .option('--max-memory-restart <size>', "restart an instance above this RSS ('150M')")
    .option('--restart-delay <ms>', 'delay before a restart')
    .option('--exp-backoff-restart-delay <ms>', 'first delay of an exponential restart backoff')
    .option('--max-restarts <n>', 'unstable exits in a row before the app is errored')
    .option('--min-uptime <ms>', 'uptime below which an exit counts as unstable')
    .option('--kill-timeout <ms>', 'SIGINT → SIGKILL delay on stop')
    .option('--listen-timeout <ms>', 'how long to wait for listening/ready')
    .option('--wait-ready', "wait for process.send('ready') instead of listening")
    .option('--no-autorestart', 'do not restart an app that exits')
    .option('--watch', 'restart the app when a file under its cwd changes (cluster mode: reload)')
    .option('--cron-restart <cron>', "restart the app on a schedule ('0 0 * * *'; 6 fields: seconds first)");
}
