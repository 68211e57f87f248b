// The one dispatcher both transports share: each protocol command becomes the right Supervisor
// call (target, env, instance), and the host's registry follows scale and delete.
import { describe, expect, it } from 'vitest';
import { type DispatchedCommand, dispatch } from '../../../src/host/dispatch.js';
import type { HostedSupervisor } from '../../../src/host/hosted.js';
import { AppRegistry } from '../../../src/host/registry.js';
import type { AppConfig, InstanceInfo } from '../../../src/types.js';
import { appConfig } from '../../helpers/app-config.js';

const row = (app: string, id: number): InstanceInfo => ({
  app,
  instance: id,
  id,
  pid: null,
  state: 'stopped',
  exec_mode: 'fork',
  restarts: 0,
  unstable_restarts: 0,
  started_at: 0,
  rss: null,
  cpu: null,
});

/** A supervisor that records what it was asked (no process: the calls are what is under test). */
function recording(rows: InstanceInfo[]) {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const supervisor: HostedSupervisor = {
    start: async (apps: AppConfig[]) => {
      calls.push(['start', apps.map((a) => a.name)]);
      return rows;
    },
    list: () => rows,
    restart: record('restart'),
    reload: record('reload'),
    stop: record('stop'),
    delete: async (target: string) => {
      calls.push(['delete', target]);
      rows.splice(0, rows.length, ...rows.filter((r) => r.app !== target));
    },
    scale: record('scale'),
    signal: (...args: unknown[]) => void calls.push(['signal', ...args]),
    shutdown: record('shutdown'),
    on: () => undefined,
  };
  return { supervisor, calls };
}

describe('dispatch', () => {
  it('turns each command into its Supervisor call, env and instance included', async () => {
    const { supervisor, calls } = recording([row('api', 0), row('api', 1)]);
    const registry = new AppRegistry();
    registry.add([appConfig('api.js', { name: 'api', instances: 2 })]);
    const context = { supervisor, registry, home: '/tmp/none' };
    const commands: DispatchedCommand[] = [
      { cmd: 'restart', target: 'api', env: { CRASH_ON_BOOT: '1' } },
      { cmd: 'reload', target: 'all' },
      { cmd: 'stop', target: '1' },
      { cmd: 'scale', target: 'api', instances: 3 },
      { cmd: 'signal', target: 'api', instance: 1, signal: 'SIGUSR2' },
    ];
    for (const command of commands) expect(await dispatch(context, command)).toBeNull();
    expect(calls).toEqual([
      ['restart', 'api', { CRASH_ON_BOOT: '1' }],
      ['reload', 'all', undefined],
      ['stop', '1'],
      ['scale', 'api', 3],
      ['signal', 'api', 1, 'SIGUSR2'],
    ]);
    expect(registry.config('api')?.instances).toBe(3);
    expect(await dispatch(context, { cmd: 'list' })).toHaveLength(2);
    expect(await dispatch(context, { cmd: 'dump' })).toMatchObject([{ name: 'api', instances: 3 }]);
  });

  it('forgets a deleted app, and refuses an unknown target naming it', async () => {
    const { supervisor } = recording([row('api', 0), row('worker', 1)]);
    const registry = new AppRegistry();
    registry.add([appConfig('api.js', { name: 'api' }), appConfig('w.js', { name: 'worker' })]);
    const context = { supervisor, registry, home: '/tmp/none' };
    await dispatch(context, { cmd: 'delete', target: 'worker' });
    expect(registry.configs().map((c) => c.name)).toEqual(['api']);
    await expect(dispatch(context, { cmd: 'describe', target: 'ghost' })).rejects.toMatchObject({
      code: 'RESILAB_E_UNKNOWN_APP',
      message: expect.stringMatching(/"ghost"/),
    });
  });
});
