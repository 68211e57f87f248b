// list, describe, stop/restart/reload/delete, scale and kill: one request each to the running
// daemon, then the process list (as PM2 prints it after every action).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabError, quote } from '../../errors.js';
import { pidAlive } from '../../protocol/paths.js';
import { DaemonClient, isNotRunning } from './client.js';
import { withDaemon } from './launch.js';
import { count, home, note, printRows } from './output.js';
import { renderDescribe } from './render/describe.js';

/** How long kill waits for the daemon and every app process to be gone. */
export const KILL_WAIT_MS = 10_000;
const KILL_POLL_MS = 20;

/** `list` / `ls` / `status` / `jlist`. */
export async function list(options: { json?: boolean }): Promise<void> {
  let client: DaemonClient;
  try {
    client = await DaemonClient.connect(home());
  } catch (error) {
    // No daemon: nothing runs, which is an answer, not an error (as `pm2 list`).
    if (!isNotRunning(error)) throw error;
    printRows([], options.json);
    return;
  }
  try {
    printRows(await client.request({ cmd: 'list' }), options.json);
  } finally {
    client.close();
  }
}

/** `describe <name|id>`. */
export async function describe(target: string, options: { json?: boolean }): Promise<void> {
  const descriptions = await withDaemon(home(), (client) => client.request({ cmd: 'describe', target }));
  const now = Date.now();
  process.stdout.write(
    options.json
      ? `${JSON.stringify(descriptions, null, 2)}\n`
      : `${descriptions.map((description) => renderDescribe(description, now)).join('\n\n')}\n`,
  );
}

/** The options of stop/restart/reload/delete. */
export interface ActOptions {
  json?: boolean;
  /** restart/reload: `env_<name>` of the ecosystem file given as the target. */
  env?: string;
  /** restart/reload: this shell's environment goes to the new processes (PM2's --update-env). */
  updateEnv?: boolean;
}

/** One app to act on, and the env its new processes get (none: they keep theirs). */
interface ActTarget {
  target: string;
  env?: Record<string, string>;
}

/** This command's own environment (what --update-env hands over, as PM2). */
function shellEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

/**
 * The apps of an ecosystem file given as the target (`pm2 reload ecosystem.config.js --env
 * production`), each with the file's env (env_<name> over env) for its new processes, as PM2 reads
 * the file again on restart/reload; any other target as it is (its env only with --update-env).
 */
async function targetsOf(target: string, options: ActOptions, withEnv: boolean): Promise<ActTarget[]> {
  const shell = withEnv && options.updateEnv ? shellEnv() : undefined;
  const path = resolve(process.cwd(), target);
  if (!/\.(js|cjs|mjs|json)$/.test(target) || !existsSync(path)) return [{ target, env: shell }];
  const { loadEcosystem } = await import('../../supervise.js');
  const { apps, warnings } = await loadEcosystem(path, { home: home(), env: options.env });
  for (const warning of warnings) note(`warning: ${warning}`);
  return apps.map((app) => ({ target: app.name, env: withEnv ? { ...shell, ...app.env } : undefined }));
}

/** `stop`, `restart`, `reload`, `delete` with a name, id, 'all' or an ecosystem file. */
export async function act(
  cmd: 'stop' | 'restart' | 'reload' | 'delete',
  target: string,
  options: ActOptions,
): Promise<void> {
  const withEnv = cmd === 'restart' || cmd === 'reload';
  const targets = await targetsOf(target, options, withEnv);
  await withDaemon(home(), async (client) => {
    for (const each of targets) {
      if (withEnv && each.env) await client.request({ cmd, target: each.target, env: each.env });
      else await client.request({ cmd, target: each.target });
      note(`${cmd} ${quote(each.target)}: done${each.env ? ' (env updated)' : ''}`);
    }
    printRows(await client.request({ cmd: 'list' }), options.json);
  });
}

/** `scale <name> <n|+n|-n>`. */
export async function scale(name: string, raw: string, options: { json?: boolean }): Promise<void> {
  await withDaemon(home(), async (client) => {
    const relative = /^[+-]/.test(raw.trim());
    let instances = relative ? 0 : count('<n>', raw, 0);
    if (relative) {
      const current = (await client.request({ cmd: 'list' })).filter((row) => row.app === name).length;
      const delta = count('<n>', raw.trim().slice(1), 0) * (raw.trim().startsWith('-') ? -1 : 1);
      instances = Math.max(0, current + delta);
    }
    await client.request({ cmd: 'scale', target: name, instances });
    printRows(await client.request({ cmd: 'list' }), options.json);
  });
}

/** `kill`: every app and the daemon; returns once every one of their pids is gone. */
export async function kill(options: { json?: boolean }): Promise<void> {
  let client: DaemonClient;
  try {
    client = await DaemonClient.connect(home());
  } catch (error) {
    if (!isNotRunning(error)) throw error;
    note('no daemon is running');
    if (options.json) process.stdout.write(`${JSON.stringify({ daemon: null, pids: [] })}\n`);
    return;
  }
  const daemon = client.daemonPid;
  const { pids } = await client.request({ cmd: 'kill' });
  await client.closed();
  const deadline = Date.now() + KILL_WAIT_MS;
  let alive = [daemon, ...pids].filter(pidAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, KILL_POLL_MS));
    alive = alive.filter(pidAlive);
  }
  if (alive.length > 0)
    throw new LabError(
      'RESILAB_E_DAEMON',
      `kill: still running after ${KILL_WAIT_MS} ms: pids ${alive.join(', ')}`,
    );
  if (options.json) process.stdout.write(`${JSON.stringify({ daemon, pids })}\n`);
  else note(`stopped ${pids.length} app process(es) and the daemon (pid ${daemon})`);
}
