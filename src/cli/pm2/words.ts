// The smaller PM2 commands its users type (sendSignal, pid, env, reset, prettylist, ping,
// reloadLogs, unstartup): each one request (or none) on the daemon's one protocol, printed as PM2 does.
import { userInfo } from 'node:os';
import { LabError, quote } from '../../errors.js';
import type { InstanceRow } from '../../protocol/results.js';
import { DaemonClient, isNotRunning } from './client.js';
import { ensureDaemon, withDaemon } from './launch.js';
import { home, note } from './output.js';
import { renderRemoveSteps } from './startup.js';

/** The rows a target means: 'all', an app name or a global id (PM2's rules); none → RESILAB_E_UNKNOWN_APP. */
function rowsOf(rows: InstanceRow[], target: string): InstanceRow[] {
  const found = rows.filter((row) => target === 'all' || row.app === target || String(row.id) === target);
  if (found.length === 0)
    throw new LabError('RESILAB_E_UNKNOWN_APP', `no app or id ${quote(target)} (see \`resilab list\`)`);
  return found;
}

/** `sendSignal <signal> <target>`: the signal to every process of the target. */
export async function sendSignal(signal: string, target: string): Promise<void> {
  await withDaemon(home(), async (client) => {
    for (const row of rowsOf(await client.request({ cmd: 'list' }), target)) {
      await client.request({ cmd: 'signal', target: row.app, instance: row.instance, signal });
      note(`${signal} sent to ${row.app}:${row.instance} (id ${row.id}, pid ${row.pid ?? 'none'})`);
    }
  });
}

/** `pid [name]`: the pids, one a line (every app's without a name; an app not running prints nothing). */
export async function pid(name: string | undefined): Promise<void> {
  let client: DaemonClient;
  try {
    client = await DaemonClient.connect(home());
  } catch (error) {
    if (isNotRunning(error)) return;
    throw error;
  }
  try {
    const rows = await client.request({ cmd: 'list' });
    const pids = rows.filter((row) => name === undefined || row.app === name).map((row) => row.pid);
    process.stdout.write(pids.map((p) => `${p ?? 0}\n`).join(''));
  } finally {
    client.close();
  }
}

/** `env <id>`: the environment the supervisor gives that instance, `KEY: value` a line. */
export async function env(id: string, options: { json?: boolean }): Promise<void> {
  if (!/^\d+$/.test(id))
    throw new LabError(
      'RESILAB_E_USAGE',
      `env: <id>: expected an instance id (see \`resilab list\`), got ${quote(id)}`,
    );
  const [found] = await withDaemon(home(), (client) => client.request({ cmd: 'env', target: id }));
  const values = found?.env ?? {};
  const keys = Object.keys(values).sort();
  process.stdout.write(
    options.json
      ? `${JSON.stringify(values, null, 2)}\n`
      : keys.map((key) => `${key}: ${values[key]}\n`).join(''),
  );
}

/** `reset <target>`: restart counters back to zero. */
export async function reset(target: string): Promise<void> {
  await withDaemon(home(), async (client) => {
    await client.request({ cmd: 'reset', target });
    note(`reset ${quote(target)}: restart counters are 0`);
  });
}

/** `prettylist`: the process list as indented JSON. */
export async function prettylist(): Promise<void> {
  let rows: InstanceRow[] = [];
  try {
    const client = await DaemonClient.connect(home());
    try {
      rows = await client.request({ cmd: 'list' });
    } finally {
      client.close();
    }
  } catch (error) {
    if (!isNotRunning(error)) throw error;
  }
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

/** `ping`: the daemon answers (started first if none runs, as PM2). */
export async function ping(): Promise<void> {
  const { client, started } = await ensureDaemon(home());
  try {
    if (started) note(`daemon started (pid ${client.daemonPid}, home ${home()})`);
    const answer = await client.request({ cmd: 'ping' });
    process.stdout.write(`${JSON.stringify({ msg: 'pong', pid: answer.pid })}\n`);
  } finally {
    client.close();
  }
}

/** `reloadLogs`: every log file closed and opened again (after logrotate moved it). */
export async function reloadLogs(): Promise<void> {
  const paths = await withDaemon(home(), (client) => client.request({ cmd: 'reloadLogs' }));
  note(`reopened ${paths.length} log file(s)`);
}

/** `unstartup [systemd]`: how to remove the unit `startup` printed (root's job: printed, not run). */
export async function unstartup(platform: string): Promise<void> {
  if (platform !== 'systemd')
    throw new LabError('RESILAB_E_USAGE', `unstartup: platform: expected "systemd", got ${quote(platform)}`);
  process.stdout.write(renderRemoveSteps(userInfo().username));
}
