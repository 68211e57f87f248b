import { describe, expect, it } from 'vitest';
import { flagArgs } from '../../../src/supervisor/client.js';
import { notReady } from '../../../src/supervisor/foreground.js';
import { parseRequest, requestId, toWireError } from '../../../src/supervisor/protocol.js';
import type { InstanceInfo } from '../../../src/types.js';

describe('IPC request validation', () => {
  it('accepts every command shape', () => {
    const commands = [
      { cmd: 'list' },
      { cmd: 'restart', app: 'api', env: { CRASH_ON_BOOT: '1' } },
      { cmd: 'reload', app: 'all' },
      { cmd: 'stop', app: '0' },
      { cmd: 'scale', app: 'api', instances: 3 },
      { cmd: 'signal', app: 'api', instance: 1, signal: 'SIGKILL' },
    ];
    for (const command of commands)
      expect(parseRequest({ kind: 'request', id: 1, command }).command).toEqual(command);
  });

  it('names the wrong field and its value', () => {
    const bad = {
      kind: 'request',
      id: 4,
      command: { cmd: 'signal', app: 'api', instance: -1, signal: 'SIGKILL' },
    };
    expect(() => parseRequest(bad)).toThrow(/^command\.instance: .*got -1$/);
    expect(() => parseRequest({ kind: 'request', id: 4, command: { cmd: 'explode' } })).toThrow(
      /command\.cmd.*"explode"/,
    );
    expect(() => parseRequest('hello')).toThrow(expect.objectContaining({ code: 'RESILAB_E_IPC_MESSAGE' }));
    expect(requestId(bad)).toBe(4);
    expect(requestId('hello')).toBe(-1);
  });

  it('an unexpected error crosses the wire as RESILAB_E_SUPERVISOR', () => {
    expect(toWireError(new Error('oops'))).toEqual({ code: 'RESILAB_E_SUPERVISOR', message: 'oops' });
  });
});

describe('SupervisorClient flags → runtime arguments', () => {
  it('maps RuntimeFlags to the PM2-style flags, args after --', () => {
    expect(
      flagArgs(
        {
          instances: 'max',
          name: 'api',
          restartDelay: '0',
          waitReady: true,
          autorestart: false,
          args: ['-x'],
        },
        ['y'],
      ),
    ).toEqual([
      '--instances',
      'max',
      '--name',
      'api',
      '--restart-delay',
      '0',
      '--wait-ready',
      '--no-autorestart',
      '--',
      '-x',
      'y',
    ]);
    expect(flagArgs({})).toEqual([]);
  });
});

describe('startup readiness', () => {
  const row = (state: InstanceInfo['state'], instance: number): InstanceInfo => ({
    app: 'api',
    instance,
    id: instance,
    pid: 1,
    state,
    exec_mode: 'cluster',
    restarts: 0,
    unstable_restarts: 0,
    started_at: 0,
    rss: null,
    cpu: null,
  });
  it('is ok only when every instance is listening or ready', () => {
    expect(notReady([row('listening', 0), row('ready', 1)])).toBeNull();
    expect(notReady([row('listening', 0), row('errored', 1)])).toBe(
      'api:1 is errored (not listening or ready)',
    );
    expect(notReady([row('online', 0)])).toMatch(/api:0 is online/);
  });
});
