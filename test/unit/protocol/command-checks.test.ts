import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/protocol/command-checks.js';
import { commandSchema } from '../../../src/protocol/commands.js';
import { parseIpcRequest } from '../../../src/protocol/ipc.js';
import { parseClientMessage } from '../../../src/protocol/socket.js';

const app = { name: 'a', script: '/a.js', cwd: '/', instances: 1, exec_mode: 'fork', env: { A: '1' } };
const commands: unknown[] = [
  { cmd: 'list' },
  { cmd: 'list', extra: 1 },
  { cmd: 'start', apps: [app] },
  { cmd: 'start', apps: [{ ...app, kill_timeout: 1600 }] },
  { cmd: 'start', apps: [] },
  { cmd: 'start', apps: [{ ...app, instances: 0 }] },
  { cmd: 'start', apps: [{ ...app, exec_mode: 'both' }] },
  { cmd: 'start', apps: [{ ...app, env: { A: 1 } }] },
  { cmd: 'start', apps: [{ ...app, name: '' }] },
  { cmd: 'start', apps: [{ name: 'a' }] },
  { cmd: 'start' },
  { cmd: 'describe', target: 'api' },
  { cmd: 'describe', target: '' },
  { cmd: 'describe' },
  { cmd: 'restart', target: 'api' },
  { cmd: 'restart', target: 'api', env: { A: '1' } },
  { cmd: 'restart', target: 'api', env: { A: 1 } },
  { cmd: 'reload', target: 'all', env: 'x' },
  { cmd: 'scale', target: 'api', instances: 0 },
  { cmd: 'scale', target: 'api', instances: -1 },
  { cmd: 'scale', target: 'api', instances: 1.5 },
  { cmd: 'scale', target: 'api', instances: '3' },
  { cmd: 'signal', target: 'api', instance: 1, signal: 'SIGKILL' },
  { cmd: 'signal', target: 'api', instance: 1, signal: '' },
  { cmd: 'signal', target: 'api', instance: -1, signal: 'SIGKILL' },
  { cmd: 'flush', target: null },
  { cmd: 'flush' },
  { cmd: 'logfiles', target: '0' },
  { cmd: 'subscribe', logs: true, events: false, target: null },
  { cmd: 'subscribe', logs: 'yes', events: false, target: null },
  { cmd: 'subscribe', logs: true, events: false },
  { cmd: 'kill' },
  { cmd: 'ping' },
  { cmd: 'reloadLogs' },
  { cmd: 'dump' },
  { cmd: 'reset', target: 'all' },
  { cmd: 'env', target: 1 },
  { cmd: 'delete', target: 'api' },
  { cmd: 'stop', target: null },
  { cmd: 'luanch' },
  { cmd: 'constructor' },
  { cmd: 'toString' },
  {},
  null,
  [],
  'list',
];

describe('the servers’ hand-written command check (command-checks.ts)', () => {
  it('accepts and refuses the same commands as the zod schema, and keeps what zod keeps', () => {
    for (const command of commands) {
      const zod = commandSchema.safeParse(command);
      const hand = checkCommand(command, 'command');
      expect(hand.ok, JSON.stringify(command)).toBe(zod.success);
      if (hand.ok && zod.success) expect(hand.command).toEqual(zod.data);
    }
  });

  it('names the field and the value on both transports', () => {
    const scale = { cmd: 'scale', target: 'api', instances: 'lots' };
    expect(() => parseIpcRequest({ kind: 'request', id: 1, command: scale })).toThrow(
      'message.command.instances: expected an integer ≥ 0, got "lots"',
    );
    const socket = parseClientMessage(JSON.stringify({ type: 'request', id: 2, command: scale }));
    expect(socket).toEqual({
      ok: false,
      id: 2,
      error: 'message.command.instances: expected an integer ≥ 0, got "lots"',
    });
    expect(checkCommand({ cmd: 'start', apps: [{ ...app, env: { A: 1 } }] }, 'message.command')).toEqual({
      ok: false,
      error: 'message.command.apps[0].env.A: expected string, got 1',
    });
    expect(() => parseIpcRequest({ kind: 'reply', id: 1, command: { cmd: 'list' } })).toThrow(
      'message.kind: expected "request", got "reply"',
    );
    expect(parseClientMessage('{"type":"bye"}')).toMatchObject({
      ok: false,
      error: 'message.type: expected "hello"|"request", got "bye"',
    });
  });
});
