import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { FIXTURES } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

const THROW = `${FIXTURES}apps/throw-after.js`;
const EXIT42 = `${FIXTURES}apps/exit-code-42.js`;

describe('restart policy in action', () => {
  it('restarts a crashed instance after restart_delay, counting restarts', async () => {
    const { supervisor, log } = supervised();
    const app = appConfig(THROW, {
      name: 'crashy',
      restart_delay: 150,
      listen_timeout: 60_000,
      env: { THROW_AFTER_MS: '100' },
    });
    void supervisor.start([app]);
    const second = await log.waitFor('spawn', () => true, 3);
    const exits = log.of('exit');
    const scheduled = log.of('restart-scheduled');
    expect(exits.slice(0, 2).map((e) => [e.code, e.expected])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(scheduled.slice(0, 2).map((e) => [e.delay_ms, e.restarts])).toEqual([
      [150, 1],
      [150, 2],
    ]);
    // The replacement started no sooner than the delay after the exit.
    const firstExit = exits[0]?.t ?? 0;
    const secondSpawn = log.of('spawn')[1]?.t ?? 0;
    expect(secondSpawn - firstExit).toBeGreaterThanOrEqual(150);
    expect(second.pid).not.toBe(log.of('spawn')[0]?.pid);
    expect(supervisor.list()[0]?.restarts).toBeGreaterThanOrEqual(2);
  });

  it('autorestart: false → stopped after the first exit, no restart', async () => {
    const { supervisor, log } = supervised();
    const infos = await supervisor.start([
      appConfig(THROW, { name: 'once', autorestart: false, listen_timeout: 60_000 }),
    ]);
    expect(infos[0]?.state).toBe('stopped');
    // ('online' comes over IPC and may be read after the exit on a busy machine: not the point here)
    expect(log.types((e) => e.type !== 'online')).toEqual(['spawn', 'exit', 'stopped']);
    expect(log.of('restart-scheduled')).toEqual([]);
  });

  it('stop_exit_codes: exit code 42 is not restarted, another code is', async () => {
    const { supervisor, log } = supervised();
    const infos = await supervisor.start([
      appConfig(EXIT42, { name: 'fortytwo', stop_exit_codes: [42], listen_timeout: 60_000 }),
    ]);
    expect(infos[0]?.state).toBe('stopped');
    expect(log.of('exit')[0]).toMatchObject({ code: 42, expected: false });
    expect(log.of('restart-scheduled')).toEqual([]);

    void supervisor.start([
      appConfig(EXIT42, { name: 'other', stop_exit_codes: [3], listen_timeout: 60_000 }),
    ]);
    await log.waitFor('restart-scheduled', (e) => e.app === 'other');
  });

  it('exponential backoff: restart-scheduled delays 100, 150, 225, 337.5', async () => {
    const { supervisor, log } = supervised();
    const app = appConfig(THROW, {
      name: 'backoff',
      exp_backoff_restart_delay: 100,
      listen_timeout: 60_000,
      env: { THROW_AFTER_MS: '10' },
    });
    void supervisor.start([app]);
    await log.waitFor('restart-scheduled', () => true, 4);
    expect(
      log
        .of('restart-scheduled')
        .slice(0, 4)
        .map((e) => e.delay_ms),
    ).toEqual([100, 150, 225, 337.5]);
    const spawns = log.of('spawn');
    const exits = log.of('exit');
    for (let n = 0; n < 3; n++) {
      const waited = (spawns[n + 1]?.t ?? 0) - (exits[n]?.t ?? 0);
      expect(waited).toBeGreaterThanOrEqual([100, 150, 225][n] as number);
    }
  });

  it('errored after max_restarts unstable exits in a row, with a log line naming why', async () => {
    const { supervisor, log } = supervised();
    const lines: string[] = [];
    supervisor.on('log', (l) => lines.push(l.line));
    const infos = await supervisor.start([
      appConfig(THROW, {
        name: 'loop',
        max_restarts: 3,
        min_uptime: 20_000, // every run counts as unstable, however slow a boot is on a busy machine
        listen_timeout: 60_000,
        env: { THROW_AFTER_MS: '1' },
      }),
    ]);
    expect(infos[0]?.state).toBe('errored');
    expect(log.of('spawn')).toHaveLength(3);
    expect(log.of('exit')).toHaveLength(3);
    expect(log.of('restart-scheduled')).toHaveLength(2);
    expect(log.of('errored')[0]).toMatchObject({ app: 'loop', restarts: 2 });
    expect(lines.some((l) => l.includes('loop:0 errored'))).toBe(true);
  });
});
