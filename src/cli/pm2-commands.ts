// The PM2-style commands (start, list, logs, monit, save, …): commander wiring only. Each action
// is imported when its command runs, so `list` loads neither the ecosystem loader nor the report code.
import type { Command } from 'commander';
import type { RuntimeFlags } from '../supervise.js';
import { addRuntimeFlags } from './runtime-flags.js';

/** Where the runtime flags of `start` land (the same flags as `resilab runtime`). */
export interface StartOptions extends Omit<RuntimeFlags, 'args'> {
  json?: boolean;
}

const control = () => import('./pm2/control.js');
const streams = () => import('./pm2/streams.js');
const files = () => import('./pm2/files.js');

/** Registers every PM2-style command on the program. */
export function register(program: Command): void {
  addRuntimeFlags(
    program
      .command('start')
      .description(
        'start a script or an ecosystem file under the background supervisor (or a stopped app by name)',
      )
      .addHelpText(
        'after',
        '\nExample:\n  $ resilab start sample-apps/http-app.js -i 2 --name api\n  $ resilab start ecosystem.config.js --env production',
      )
      .argument('[target]', 'script, ecosystem file, or name|id of a stopped app', undefined)
      .argument('[args...]', 'arguments for the script, after --'),
  )
    .option('--json', 'print the process list as JSON')
    .action(async (target: string | undefined, args: string[], options: StartOptions) =>
      (await import('./pm2/start.js')).start(target, args, options),
    );

  program
    .command('list')
    .aliases(['ls', 'status'])
    .description('the process list: name, id, mode, pid, uptime, restarts, status, cpu, memory')
    .addHelpText('after', '\nExample:\n  $ resilab list\n  $ resilab ls --json')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => (await control()).list(options));
  program
    .command('jlist')
    .description('the process list as JSON (pm2 jlist)')
    .addHelpText('after', '\nExample:\n  $ resilab jlist')
    .action(async () => (await control()).list({ json: true }));
  program
    .command('describe')
    .alias('show')
    .description('one app: its resolved config, instances, recent events and log files')
    .addHelpText('after', '\nExample:\n  $ resilab describe api')
    .argument('<target>', 'app name or id')
    .option('--json', 'print JSON')
    .action(async (target: string, options: { json?: boolean }) =>
      (await control()).describe(target, options),
    );

  for (const [name, what] of [
    ['stop', 'stop'],
    ['restart', 'restart (stop, then start: downtime in fork mode)'],
    ['reload', 'reload with zero downtime (rolling, one instance at a time, cluster mode)'],
    ['delete', 'stop and forget'],
  ] as const) {
    const command = program.command(name);
    if (name === 'delete') command.alias('del');
    command
      .description(`${what} an app, an instance id, 'all', or the apps of an ecosystem file`)
      .addHelpText('after', `\nExample:\n  $ resilab ${name} api\n  $ resilab ${name} all`)
      .argument('<target>', "app name, id, 'all' or ecosystem file")
      .option('--json', 'print the process list as JSON afterwards')
      .action(async (target: string, options: { json?: boolean }) =>
        (await control()).act(name, target, options),
      );
  }
  program
    .command('scale')
    .description('set the number of instances of an app (a number, or +N / -N)')
    .addHelpText('after', '\nExample:\n  $ resilab scale api 4\n  $ resilab scale api +1')
    .argument('<name>', 'app name')
    .argument('<n>', 'instances')
    .option('--json', 'print the process list as JSON afterwards')
    .action(async (name: string, n: string, options: { json?: boolean }) =>
      (await control()).scale(name, n, options),
    );
  program
    .command('kill')
    .description('stop every app and the background supervisor')
    .addHelpText('after', '\nExample:\n  $ resilab kill')
    .option('--json', 'print the stopped pids as JSON')
    .action(async (options: { json?: boolean }) => (await control()).kill(options));

  program
    .command('logs')
    .description('the last lines of the log files, then follow them')
    .addHelpText('after', '\nExample:\n  $ resilab logs api --lines 50\n  $ resilab logs --err --nostream')
    .argument('[target]', "app name, id or 'all'")
    .option('--lines <n>', 'how many lines per file', '15')
    .option('--err', 'only the error output')
    .option('--out', 'only the standard output')
    .option('--nostream', 'print the last lines and exit')
    .action(async (target: string | undefined, options: LogsOptions) =>
      (await streams()).logs(target, options),
    );
  program
    .command('flush')
    .description('empty the log files')
    .addHelpText('after', '\nExample:\n  $ resilab flush api')
    .argument('[target]', "app name, id or 'all'")
    .action(async (target: string | undefined) => (await streams()).flush(target));
  program
    .command('monit')
    .description('a dashboard of every instance (status, cpu, memory, restarts) and the latest logs; q quits')
    .addHelpText('after', '\nExample:\n  $ resilab monit')
    .action(async () => (await streams()).monit());

  program
    .command('save')
    .alias('dump')
    .description('save the running apps to $RESILAB_HOME/dump.json (for resurrect and startup)')
    .addHelpText('after', '\nExample:\n  $ resilab save')
    .action(async () => (await files()).save());
  program
    .command('resurrect')
    .description('start the apps saved with save')
    .addHelpText('after', '\nExample:\n  $ resilab resurrect')
    .option('--json', 'print the process list as JSON')
    .action(async (options: { json?: boolean }) => (await files()).resurrect(options));
  program
    .command('startup')
    .description('print a systemd unit that runs `resilab resurrect` at boot, and how to install it')
    .addHelpText('after', '\nExample:\n  $ resilab startup > resilab.service')
    .argument('[platform]', 'only systemd', 'systemd')
    .action(async (platform: string) => (await files()).startup(platform));
  program
    .command('ecosystem')
    .alias('init')
    .description('write a commented ecosystem.config.js template in the current directory')
    .addHelpText('after', '\nExample:\n  $ resilab ecosystem && resilab start ecosystem.config.js')
    .action(async () => (await files()).ecosystem());
}

/** Options of `logs`. */
export interface LogsOptions {
  lines: string;
  err?: boolean;
  out?: boolean;
  nostream?: boolean;
}
