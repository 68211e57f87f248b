import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { FIXTURES, freePort, SAMPLE_APPS, waitFor } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

describe('the preload agent', () => {
  it('does not keep an app alive: a script that finishes exits 0 on its own', async () => {
    const { supervisor, log } = supervised();
    const [info] = await supervisor.start([
      appConfig(`${FIXTURES}apps/finishes.js`, { name: 'short', autorestart: false, listen_timeout: 30_000 }),
    ]);
    expect(info?.state).toBe('stopped');
    expect(log.of('exit')[0]).toMatchObject({ code: 0, signal: null, expected: false });
  });

  it('reports event-loop delay every second, and a blocked loop shows in max_ms', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [info] = await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, { name: 'loop', env: { PORT: String(port) } }),
    ]);
    const quiet = await log.waitFor('event-loop');
    expect(quiet).toMatchObject({ app: 'loop', instance: 0, pid: info?.pid });
    expect(quiet.p50_ms).toBeGreaterThanOrEqual(0);
    expect(quiet.max_ms).toBeGreaterThanOrEqual(quiet.p50_ms);
    const response = await fetch(`http://127.0.0.1:${port}/cpu?loops=300000000`, {
      headers: { connection: 'close' },
    });
    const { ms } = (await response.json()) as { ms: number };
    const blocked = await log.waitFor('event-loop', (e) => e.t > quiet.t && e.max_ms >= ms / 2);
    expect(blocked.max_ms).toBeGreaterThanOrEqual(ms / 2);
  });

  it('knows a cluster worker as one: a worker that ignores the stop is SIGKILLed after kill_timeout', async () => {
    const { supervisor, log } = supervised();
    const lines: string[] = [];
    supervisor.on('log', (l) => lines.push(l.line));
    const port = await freePort();
    await supervisor.start([
      appConfig(`${FIXTURES}apps/cluster-stubborn.js`, {
        name: 'stubborn',
        exec_mode: 'cluster',
        instances: 1,
        kill_timeout: 300,
        env: { PORT: String(port) },
      }),
    ]);
    await waitFor('the marker line', () => lines.find((l) => l.startsWith('marker')));
    await supervisor.stop('stubborn');
    const [stopped] = log.of('stopped');
    expect(stopped).toMatchObject({ app: 'stubborn', forced: true });
    expect(stopped?.duration_ms).toBeGreaterThanOrEqual(300);
    // The agent took its marker out of the environment before the app ran.
    expect(lines).toContain('marker absent');
  });
});
