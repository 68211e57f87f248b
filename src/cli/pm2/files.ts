// save, resurrect, startup and ecosystem: the commands about files in $RESILAB_HOME and the cwd.
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { now } from '../../clock.js';
import { LabError, quote } from '../../errors.js';
import { daemonPaths } from '../../protocol/paths.js';
import { readDump, writeDump } from './dump.js';
import { writeEcosystemTemplate } from './ecosystem-template.js';
import { ensureDaemon, requireDaemon } from './launch.js';
import { home, note, printRows } from './output.js';
import { renderInstallSteps, renderUnit } from './startup.js';

/** `save`: the running apps' configs → dump.json (the previous one kept as dump.json.bak). */
export async function save(): Promise<void> {
  const client = await requireDaemon(home());
  try {
    const apps = await client.request({ cmd: 'dump' });
    const file = daemonPaths(home()).dump;
    writeDump(file, apps, now());
    note(`saved ${apps.length} app(s) to ${file}`);
  } finally {
    client.close();
  }
}

/** `resurrect`: start the daemon (always, so a boot unit has one) and the saved apps not running yet. */
export async function resurrect(options: { json?: boolean }): Promise<void> {
  const file = daemonPaths(home()).dump;
  const apps = readDump(file);
  const { client, started } = await ensureDaemon(home());
  try {
    if (started) note(`daemon started (pid ${client.daemonPid}, home ${home()})`);
    if (apps === null) note(`nothing to resurrect: no ${file} (save one with \`resilab save\`)`);
    const running = new Set((await client.request({ cmd: 'list' })).map((row) => row.app));
    const missing = (apps ?? []).filter((app) => !running.has(app.name));
    for (const app of apps ?? []) if (running.has(app.name)) note(`${quote(app.name)} is already running`);
    if (missing.length > 0) await client.request({ cmd: 'start', apps: missing });
    printRows(await client.request({ cmd: 'list' }), options.json);
  } finally {
    client.close();
  }
}

/** `startup [systemd]`: the unit on stdout (pipe it into place), the install steps on stderr. */
export async function startup(platform: string): Promise<void> {
  if (platform !== 'systemd')
    throw new LabError('RESILAB_E_USAGE', `startup: platform: expected "systemd", got ${quote(platform)}`);
  const options = {
    node: process.execPath,
    bin: fileURLToPath(new URL('../bin.js', import.meta.url)),
    home: home(),
    user: userInfo().username,
  };
  process.stdout.write(renderUnit(options));
  process.stderr.write(renderInstallSteps(options));
}

/** `ecosystem` / `init`: the template in the cwd, never over an existing file. */
export async function ecosystem(): Promise<void> {
  const file = writeEcosystemTemplate(process.cwd());
  note(`wrote ${file}: edit it, then \`resilab start ${'ecosystem.config.js'}\``);
}
