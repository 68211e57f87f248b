import { describe, expect, it } from 'vitest';
import { parseIpcRequest as parseRequest, requestId, toWireError } from '../../../src/protocol/ipc.js';

describe('IPC request validation', () => {
  it('accepts every command shape', () => {
    const commands = [
      { cmd: 'list' },
      { cmd: 'restart', target: 'api', env: { CRASH_ON_BOOT: '1' } },
      { cmd: 'reload', target: 'all' },
      { cmd: 'stop', target: '0' },
      { cmd: 'scale', target: 'api', instances: 3 },
      { cmd: 'signal', target: 'api', instance: 1, signal: 'SIGKILL' },
    ];
    for (const command of commands)
      expect(parseRequest({ kind: 'request', id: 1, command }).command).toEqual(command);
  });

  it('names the wrong field and its value', () => {
    const bad = {
      kind: 'request',
      id: 4,
      command: { cmd: 'signal', target: 'api', instance: -1, signal: 'SIGKILL' },
    };
    expect(() => parseRequest(bad)).toThrow(/^message\.command\.instance: .*got -1$/);
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
