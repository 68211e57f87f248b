import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/errors.js';
import { AppRegistry, appsOfTarget, HISTORY_LENGTH } from '../../../src/host/registry.js';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../../../src/types.js';

const row = (app: string, id: number): InstanceInfo => ({
  app,
  instance: 0,
  id,
  pid: 100 + id,
  state: 'online',
  exec_mode: 'fork',
  restarts: 0,
  unstable_restarts: 0,
  started_at: 0,
  rss: null,
  cpu: null,
});

describe('appsOfTarget', () => {
  const rows = [row('api', 0), row('api', 1), row('worker', 2)];
  it('reads a name, a global id, all and null (every app)', () => {
    expect(appsOfTarget('worker', rows, [])).toEqual(['worker']);
    expect(appsOfTarget('1', rows, [])).toEqual(['api']);
    expect(appsOfTarget('all', rows, ['stopped-app'])).toEqual(['stopped-app', 'api', 'worker']);
    expect(appsOfTarget(null, rows, [])).toEqual(['api', 'worker']);
  });

  it('refuses an unknown name or id with RESILAB_E_UNKNOWN_APP naming it and the known apps', () => {
    for (const target of ['nope', '7']) {
      let caught: unknown;
      try {
        appsOfTarget(target, rows, []);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LabError);
      expect((caught as LabError).code).toBe('RESILAB_E_UNKNOWN_APP');
      expect((caught as LabError).message).toBe(`target: no app or id "${target}" (known: api, worker)`);
    }
  });
});

describe('AppRegistry', () => {
  it('remembers configs in start order, follows scale and delete, and bounds each history', () => {
    const registry = new AppRegistry();
    registry.add([{ name: 'api', instances: 2 } as AppConfig, { name: 'worker', instances: 1 } as AppConfig]);
    registry.scaled('api', 4);
    expect(registry.configs().map((c) => [c.name, c.instances])).toEqual([
      ['api', 4],
      ['worker', 1],
    ]);
    for (let i = 0; i < HISTORY_LENGTH + 5; i++)
      registry.record({ t: i, type: 'spawn', app: 'api', instance: 0, pid: i } as SupervisorEvent);
    const history = registry.events('api');
    expect(history).toHaveLength(HISTORY_LENGTH);
    expect(history[0]?.t).toBe(5);
    registry.remove(['api']);
    expect(registry.configs().map((c) => c.name)).toEqual(['worker']);
    expect(registry.events('api')).toEqual([]);
  });
});
