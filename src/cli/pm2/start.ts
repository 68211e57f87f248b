// `resilab start`: resolve the apps here (relative paths follow the user's cwd), make sure the
// daemon runs, hand it the apps and print the list. `start <name|id>` of a known app restarts it, as in PM2.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabError } from '../../errors.js';
import type { RuntimeFlags } from '../../supervise.js';
import type { AppConfig } from '../../types.js';
import type { StartOptions } from '../pm2-commands.js';
import { DaemonClient, isNotRunning } from './client.js';
import { ensureDaemon } from './launch.js';
import { home, note, printRows } from './output.js';

/** The default target when none is given, as PM2. */
const DEFAULT_ECOSYSTEM = 'ecosystem.config.js';

function flagsOf(options: StartOptions, args: string[]): RuntimeFlags {
  const { json: _json, autorestart, ...flags } = options;
  // commander sets autorestart=true unless --no-autorestart: only the explicit "no" overrides the file.
  return {
    ...flags,
    ...(autorestart === false ? { autorestart: false } : {}),
    ...(args.length > 0 ? { args } : {}),
  };
}

/**
 * The app's env over this command's environment, as PM2 does: the daemon was started by some
 * earlier command, so `PORT=3002 resilab start app.js` must carry PORT itself.
 */
function withCallerEnv(app: AppConfig): AppConfig {
  const caller: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) caller[key] = value;
  return { ...app, env: { ...caller, ...app.env } };
}

/** Restarts an app the daemon already knows when `target` names it; false when it does not. */
async function restartKnown(target: string, options: StartOptions): Promise<boolean> {
  let client: DaemonClient;
  try {
    client = await DaemonClient.connect(home());
  } catch (error) {
    if (isNotRunning(error)) return false;
    throw error;
  }
  try {
    const rows = await client.request({ cmd: 'list' });
    if (!rows.some((row) => row.app === target || String(row.id) === target)) return false;
    await client.request({ cmd: 'restart', target });
    printRows(await client.request({ cmd: 'list' }), options.json);
    return true;
  } finally {
    client.close();
  }
}

/** The action of `resilab start [target] [args...]`. */
export async function start(
  target: string | undefined,
  args: string[],
  options: StartOptions,
): Promise<void> {
  const cwd = process.cwd();
  const chosen = target ?? (existsSync(resolve(cwd, DEFAULT_ECOSYSTEM)) ? DEFAULT_ECOSYSTEM : undefined);
  if (chosen === undefined)
    throw new LabError(
      'RESILAB_E_USAGE',
      `start: give a script or an ecosystem file (no ${DEFAULT_ECOSYSTEM} in ${cwd})`,
    );
  if (!existsSync(resolve(cwd, chosen)) && (await restartKnown(chosen, options))) return;

  const { appsFromTarget } = await import('../../supervise.js');
  const { apps, warnings } = await appsFromTarget(chosen, flagsOf(options, args), { cwd, home: home() });
  for (const warning of warnings) note(`warning: ${warning}`);
  const { client, started } = await ensureDaemon(home());
  try {
    if (started) note(`daemon started (pid ${client.daemonPid}, home ${home()})`);
    await client.request({ cmd: 'start', apps: apps.map(withCallerEnv) });
    printRows(await client.request({ cmd: 'list' }), options.json);
  } finally {
    client.close();
  }
}
