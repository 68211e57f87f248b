// `resilab runtime` (the foreground supervisor) serves the same control socket as the daemon, so
// list, describe and kill work against it too.
import { describe, expect, it } from 'vitest';
import { cli, listJson, withTempHome } from '../../../helpers/daemon.js';
import {
  BIN,
  freePort,
  isAlive,
  SAMPLE_APPS,
  spawnTracked,
  track,
  waitFor,
} from '../../../helpers/processes.js';

let dir = '';
let home = '';
withTempHome('resilab-runtime-', (d, h) => {
  dir = d;
  home = h;
});

describe('resilab runtime and the control socket', () => {
  it('answers list and describe, and ends (exit 0, apps stopped) on kill', async () => {
    const port = await freePort();
    const runtime = spawnTracked(
      process.execPath,
      [BIN, 'runtime', `${SAMPLE_APPS}http-app.js`, '--name', 'fg', '-i', '2'],
      {
        cwd: dir,
        env: { ...process.env, RESILAB_HOME: home, PORT: String(port) },
      },
    );
    const exited = new Promise<number | null>((resolve) => runtime.once('exit', (code) => resolve(code)));
    await waitFor(
      'both instances to listen',
      () => (runtime.output().match(/listening on/g) ?? []).length >= 2,
    );

    const rows = await listJson(home, dir);
    for (const row of rows) track(row.pid ?? undefined);
    expect(rows.map((row) => [row.app, row.state])).toEqual([
      ['fg', 'listening'],
      ['fg', 'listening'],
    ]);
    const described = await cli(home, ['describe', 'fg', '--json'], dir);
    expect(described.code).toBe(0);
    expect(JSON.parse(described.stdout)[0].config).toMatchObject({
      name: 'fg',
      instances: 2,
      exec_mode: 'cluster',
    });

    // monit without a terminal: the process list again every second, until Ctrl-C.
    const monit = spawnTracked(process.execPath, [BIN, 'monit'], {
      cwd: dir,
      env: { ...process.env, RESILAB_HOME: home },
    });
    const monitExit = new Promise((resolve) => monit.once('exit', (code) => resolve(code)));
    await waitFor(
      'two redraws of the list',
      () => (monit.output().match(/│ 1 +│ fg +│ cluster/g) ?? []).length >= 2,
    );
    monit.kill('SIGINT');
    expect(await monitExit).toBe(0);

    expect((await cli(home, ['kill'], dir)).code).toBe(0);
    expect(await exited).toBe(0);
    for (const row of rows) expect(isAlive(row.pid!)).toBe(false);
  });
});
