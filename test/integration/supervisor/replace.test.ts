import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { freePort, SAMPLE_APPS } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

describe('reload edge cases (cluster)', () => {
  it('a new worker that crashes on boot fails the reload; the old one keeps serving', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [old] = await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, {
        name: 'deploy',
        exec_mode: 'cluster',
        env: { PORT: String(port) },
      }),
    ]);
    await supervisor.reload('deploy', { CRASH_ON_BOOT: '1' });
    expect(log.of('reload-end')[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/deploy:0: the new process exited/),
    });
    expect(supervisor.list()[0]).toMatchObject({ pid: old?.pid, state: 'listening' });
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    expect(response.headers.get('x-pid')).toBe(String(old?.pid));
    expect(log.of('restart-scheduled')).toEqual([]);
  });

  it('an old worker that crashes while its replacement boots is reported once and not restarted', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [old] = await supervisor.start([
      appConfig(`${SAMPLE_APPS}http-app.js`, {
        name: 'swap',
        exec_mode: 'cluster',
        env: { PORT: String(port) },
      }),
    ]);
    const reloaded = supervisor.reload('swap', { BOOT_DELAY_MS: '500' });
    const spawned = await log.waitFor('spawn', () => true, 2);
    process.kill(old?.pid ?? 0, 'SIGKILL');
    await reloaded;
    expect(log.of('exit').filter((e) => e.pid === old?.pid)).toHaveLength(1);
    expect(log.of('restart-scheduled')).toEqual([]);
    expect(log.of('reload-end')[0]).toMatchObject({ ok: true });
    expect(supervisor.list()[0]).toMatchObject({ pid: spawned.pid, state: 'listening' });
  });
});
