// A deploy that crashes on boot, found by the crash-loop scenario: a restart into it must not hang
// (the crash loop's own restarts need the instance lock the restart holds), and a reload that failed
// must leave the old version's env, so a later restart of an old worker starts the old version.
import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { freePort, SAMPLE_APPS } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

describe('a deploy that crashes on boot', () => {
  it('fork: restart replies after the first boot, then backoff restarts run until errored', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, {
        name: 'loop',
        env: { PORT: String(port) },
        max_restarts: 3,
        min_uptime: 5000,
        exp_backoff_restart_delay: 50,
      }),
    ]);
    await supervisor.restart('loop', { CRASH_ON_BOOT: '1' });
    const errored = await log.waitFor('errored', () => true);
    expect(errored.restarts).toBe(3); // the command's restart and two backoff restarts
    expect(log.of('restart-scheduled').map((e) => e.delay_ms)).toEqual([50, 75]);
    expect(supervisor.list()[0]).toMatchObject({ state: 'errored', pid: null });
  });

  it('cluster: after a failed reload, an old worker that crashes restarts as the old version', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [old] = await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, {
        name: 'keep',
        exec_mode: 'cluster',
        env: { PORT: String(port) },
      }),
    ]);
    await supervisor.reload('keep', { CRASH_ON_BOOT: '1' });
    expect(log.of('reload-end')[0]).toMatchObject({ ok: false });
    process.kill(old?.pid ?? 0, 'SIGKILL');
    const back = await log.waitFor('listening', (e) => e.pid !== old?.pid);
    expect(log.of('errored')).toEqual([]);
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-pid')).toBe(String(back.pid));
  });
});

describe('a reload under way when the supervisor shuts down', () => {
  it('starts no new process once shutdown began', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, {
        name: 'late',
        exec_mode: 'cluster',
        instances: 2,
        env: { PORT: String(port) },
      }),
    ]);
    // the first replacement takes 300 ms to boot; shutdown comes while it boots
    const reloading = supervisor.reload('late', { BOOT_DELAY_MS: '300' });
    await log.waitFor('spawn', () => true, 3);
    const began = performance.timeOrigin + performance.now();
    await supervisor.shutdown();
    await reloading;
    expect(log.of('spawn').filter((e) => e.t > began)).toEqual([]);
    expect(log.of('reload-end')[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/shutting down/),
    });
  });
});
