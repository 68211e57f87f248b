import { describe, expect, it } from 'vitest';
import { checkResult, parseServerMessage } from '../../../src/protocol/replies.js';
import { RESULT_SCHEMAS, serverMessageSchema } from '../../../src/protocol/results.js';
import { encode, PROTOCOL_VERSION, parseClientMessage } from '../../../src/protocol/socket.js';

const app = {
  name: 'api',
  script: '/srv/app.js',
  cwd: '/srv',
  instances: 2,
  exec_mode: 'cluster',
  env: {},
  kill_timeout: 1600,
};

describe('daemon protocol: client messages', () => {
  it('accepts a hello and each request shape, and keeps the id', () => {
    const hello = parseClientMessage(encode({ type: 'hello', protocol: PROTOCOL_VERSION, version: '0.1.0' }));
    expect(hello).toMatchObject({ ok: true, value: { type: 'hello', protocol: PROTOCOL_VERSION } });
    const start = parseClientMessage(
      JSON.stringify({ type: 'request', id: 7, command: { cmd: 'start', apps: [app] } }),
    );
    expect(start.ok).toBe(true);
    expect(start.id).toBe(7);
    // Unknown keys of a resolved config pass through to the supervisor untouched.
    if (start.ok && start.value.type === 'request' && start.value.command.cmd === 'start')
      expect(start.value.command.apps[0]).toMatchObject({ kill_timeout: 1600 });
    for (const command of [
      { cmd: 'list' },
      { cmd: 'reload', target: 'all' },
      { cmd: 'scale', target: 'api', instances: 3 },
      { cmd: 'flush', target: null },
      { cmd: 'subscribe', logs: true, events: false, target: '0' },
      { cmd: 'kill' },
    ])
      expect(parseClientMessage(JSON.stringify({ type: 'request', id: 1, command })).ok).toBe(true);
  });

  it('names the field and the value for a wrong request, keeping the id for the error reply', () => {
    const bad = parseClientMessage(
      '{"type":"request","id":3,"command":{"cmd":"scale","target":"a","instances":"lots"}}',
    );
    expect(bad).toMatchObject({ ok: false, id: 3 });
    if (!bad.ok) expect(bad.error).toBe('message.command.instances: expected an integer ≥ 0, got "lots"');
    const unknown = parseClientMessage('{"type":"request","id":4,"command":{"cmd":"luanch"}}');
    if (unknown.ok) throw new Error('accepted an unknown command');
    expect(unknown.error).toMatch(/^message\.command\.cmd: .*got "luanch"$/);
    const missing = parseClientMessage(
      '{"type":"request","id":5,"command":{"cmd":"start","apps":[{"name":"a"}]}}',
    );
    if (missing.ok) throw new Error('accepted an app without a script');
    expect(missing.error).toMatch(/^message\.command\.apps\[0\]\.script: .*got nothing$/);
  });

  it('refuses text that is not JSON, and JSON that is not a message, without throwing', () => {
    expect(parseClientMessage('nope')).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage('[1,2]')).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage('null')).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage('{"type":"request","id":-1,"command":{"cmd":"list"}}').ok).toBe(false);
  });
});

describe('daemon protocol: server messages and results', () => {
  it('accepts replies, logs and events and refuses a reply without its body', () => {
    expect(
      parseServerMessage('{"type":"reply","id":3,"ok":false,"error":{"code":"X","message":"m"}}').ok,
    ).toBe(true);
    expect(parseServerMessage('{"type":"reply","id":3,"ok":true,"result":null}').ok).toBe(true);
    const log = { type: 'log', app: 'api', instance: 0, id: 0, stream: 'out', line: 'hello' };
    expect(parseServerMessage(JSON.stringify(log)).ok).toBe(true);
    expect(parseServerMessage(JSON.stringify({ ...log, stream: 'both' })).ok).toBe(false);
    expect(parseServerMessage('{"type":"reply","id":3,"ok":false}').ok).toBe(false);
  });

  it('checks each command result against its shape', () => {
    const row = { app: 'api', instance: 0, id: 0, pid: 12, state: 'online', restarts: 1, cpu: 0, rss: 1 };
    expect(checkResult('list', [row])).toBeNull();
    expect(checkResult('list', [{ ...row, pid: 'x' }])).toBe('list result[0].pid: expected int, got "x"');
    expect(checkResult('kill', { pids: [1, 2] })).toBeNull();
    expect(checkResult('stop', { surprise: true })).not.toBeNull();
  });
});

describe('the CLI-side checks (replies.ts) agree with the zod schemas (protocol.ts)', () => {
  const row = { app: 'api', instance: 0, id: 0, pid: 12, state: 'online', restarts: 1, cpu: 0, rss: 1 };
  const event = { t: 1, type: 'spawn', app: 'api', instance: 0, pid: 12 };
  const messages: unknown[] = [
    { type: 'welcome', protocol: 1, version: '0.1.0', pid: 3 },
    { type: 'welcome', protocol: '1', version: '0.1.0', pid: 3 },
    { type: 'reply', id: 1, ok: true, result: [row] },
    { type: 'reply', id: null, ok: true, result: null },
    { type: 'reply', id: 1, ok: true },
    { type: 'reply', id: 1.5, ok: true, result: null },
    { type: 'reply', id: 1, ok: false, error: { code: 'X', message: 'm' } },
    { type: 'reply', id: 1, ok: false, error: { code: 'X' } },
    { type: 'reply', id: 1, ok: 'yes', result: null },
    { type: 'log', app: 'api', instance: 0, id: null, stream: 'err', line: 'x' },
    { type: 'log', app: 'api', instance: 0, id: 0, stream: 'both', line: 'x' },
    { type: 'log', app: 'api', instance: 0, id: 0, stream: 'out' },
    { type: 'event', event },
    { type: 'event', event: { ...event, t: 'now' } },
    { type: 'surprise' },
    null,
    [1],
    'text',
  ];
  it('accepts and refuses the same server messages', () => {
    for (const message of messages) {
      const zod = serverMessageSchema.safeParse(message).success;
      expect(parseServerMessage(JSON.stringify(message)).ok, JSON.stringify(message)).toBe(zod);
    }
  });

  const app = {
    name: 'a',
    script: '/a.js',
    cwd: '/',
    instances: 1,
    exec_mode: 'fork',
    env: { A: '1' },
    extra: 1,
  };
  const results: [keyof typeof RESULT_SCHEMAS, unknown][] = [
    ['list', [row]],
    ['list', [{ ...row, state: 3 }]],
    ['list', [{ ...row, pid: null }]],
    ['list', {}],
    ['describe', [{ config: app, instances: [row], events: [event], logs: [] }]],
    ['describe', [{ config: { ...app, exec_mode: 'both' }, instances: [], events: [], logs: [] }]],
    ['describe', [{ config: { ...app, env: { A: 1 } }, instances: [], events: [], logs: [] }]],
    ['dump', [app]],
    ['dump', [{ ...app, instances: 1.5 }]],
    ['flush', ['/a', '/b']],
    ['flush', ['/a', 2]],
    ['logfiles', [{ app: 'a', instance: 0, id: 0, out: '/o', err: '/e' }]],
    ['logfiles', [{ app: 'a', instance: 0, id: 0, out: '/o' }]],
    ['kill', { pids: [1] }],
    ['kill', { pids: ['1'] }],
    ['stop', null],
    ['stop', 0],
  ];
  it('accepts and refuses the same results', () => {
    for (const [cmd, result] of results) {
      const zod = RESULT_SCHEMAS[cmd].safeParse(result).success;
      expect(checkResult(cmd, result) === null, `${cmd} ${JSON.stringify(result)}`).toBe(zod);
    }
  });
});
