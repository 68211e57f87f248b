// `resilab start --metrics-port`: the daemon it launches serves the same endpoints as the runtime,
// on loopback; a second start on the running daemon says the flag is ignored; kill closes them.
import { describe, expect, it } from 'vitest';
import { cli, trackDaemon, withTempHome } from '../../../helpers/daemon.js';
import { freePort, SAMPLE_APPS, waitGone } from '../../../helpers/processes.js';

let dir = '';
let home = '';
withTempHome('resilab-daemon-metrics-', (d, h) => {
  dir = d;
  home = h;
});

describe('resilab start --metrics-port (the daemon)', () => {
  it('serves /healthz, /readyz and /metrics until kill', async () => {
    const [metricsPort, appPort] = [await freePort(), await freePort()];
    const app = `${SAMPLE_APPS}http-app.js`;
    const env = { PORT: String(appPort) };
    const started = await cli(
      home,
      ['start', app, '--name', 'api', '--metrics-port', String(metricsPort)],
      dir,
      env,
    );
    expect(started.code, started.stderr).toBe(0);
    const daemon = trackDaemon(home) as number;
    expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).text()).toBe('ready\n');
    const body = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(body).toContain('resilab_instance_state{app="api",instance="0",state="listening"} 1');

    const again = await cli(home, ['start', app, '--name', 'two', '--metrics-port', '1'], dir, { PORT: '0' });
    expect(again.stderr).toContain('--metrics-port ignored: the daemon is already running');
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
    expect(await waitGone([daemon])).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${metricsPort}/healthz`)).rejects.toThrow();
  });
});
