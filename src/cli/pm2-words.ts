// The smaller PM2 commands (sendSignal, pid, env, reset, prettylist, ping, reloadLogs, unstartup):
// commander wiring only; each action is imported when its command runs.
import type { Command } from 'commander';

const words = () => import('./pm2/words.js');

/** Registers the smaller PM2 commands on the program. */
export function register(program: Command): void {
  program
    .command('sendSignal')
    .description("send a signal to every process of an app, an id, or 'all'")
    .addHelpText('after', '\nExample:\n  $ resilab sendSignal SIGUSR2 api')
    .argument('<signal>', 'a signal name, like SIGUSR2')
    .argument('<target>', "app name, id or 'all'")
    .action(async (signal: string, target: string) => (await words()).sendSignal(signal, target));
  program
    .command('pid')
    .description("the pids of an app's processes, one a line (every app's without a name)")
    .addHelpText('after', '\nExample:\n  $ resilab pid api')
    .argument('[name]', 'app name')
    .action(async (name: string | undefined) => (await words()).pid(name));
  program
    .command('env')
    .description('the environment the supervisor gives one instance, KEY: value a line')
    .addHelpText('after', '\nExample:\n  $ resilab env 0')
    .argument('<id>', 'instance id (see list)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => (await words()).env(id, options));
  program
    .command('reset')
    .description("set the restart counters of an app, an id or 'all' back to zero")
    .addHelpText('after', '\nExample:\n  $ resilab reset api')
    .argument('<target>', "app name, id or 'all'")
    .action(async (target: string) => (await words()).reset(target));
  program
    .command('prettylist')
    .description('the process list as indented JSON (pm2 prettylist)')
    .addHelpText('after', '\nExample:\n  $ resilab prettylist')
    .action(async () => (await words()).prettylist());
  program
    .command('ping')
    .description('make sure the background supervisor runs (started if not) and answers')
    .addHelpText('after', '\nExample:\n  $ resilab ping')
    .action(async () => (await words()).ping());
  program
    .command('reloadLogs')
    .description('close and reopen every log file (after logrotate moved them)')
    .addHelpText('after', '\nExample:\n  $ resilab reloadLogs')
    .action(async () => (await words()).reloadLogs());
  program
    .command('unstartup')
    .description('print the commands that remove the unit `startup` printed (run them as root)')
    .addHelpText('after', '\nExample:\n  $ resilab unstartup | sudo sh')
    .argument('[platform]', 'only systemd', 'systemd')
    .action(async (platform: string) => (await words()).unstartup(platform));
}
