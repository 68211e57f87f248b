import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMessage } from '../../../src/protocol/ipc.js';
import { SupervisorClient } from '../../../src/runner/managers/resilab.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { EventLog } from '../../helpers/events.js';
import {
  BIN,
  cleanup,
  descendants,
  FIXTURES,
  freePort,
  SAMPLE_APPS,
  track,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';
import { startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

let client: SupervisorClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
  expect(await cleanup()).toEqual([]);
});

const home = () => mkdtempSync(join(tmpdir(), 'resilab-rt-'));

async function startHttp(log: EventLog) {
  const port = await freePort();
  client = await SupervisorClient.start({
    target: `${SAMPLE_APPS}http-app.js`,
    flags: { instances: '2', name: 'api' },
    env: { PORT: String(port) },
    home: home(),
    onEvent: log.push,
  });
  track(client.pid);
  return { port, client };
}

describe('resilab runtime --ipc through SupervisorClient', () => {
  it('starts, lists, forwards events, scales and reloads over IPC', async () => {
    const log = new EventLog();
    const { port, client: c } = await startHttp(log);
    const listed = await c.list();
    expect(listed.map((i) => [i.app, i.instance, i.state, i.exec_mode])).toEqual([
      ['api', 0, 'listening', 'cluster'],
      ['api', 1, 'listening', 'cluster'],
    ]);
    expect(log.of('listening').map((e) => e.port)).toEqual([port, port]);
    await c.command({ cmd: 'scale', target: 'api', instances: 3 });
    expect((await c.list()).map((i) => i.instance)).toEqual([0, 1, 2]);
    expect(log.of('scale')[0]).toMatchObject({ from: 2, to: 3 });
    await c.command({ cmd: 'reload', target: 'api' });
    expect(log.of('reload-end')[0]).toMatchObject({ ok: true });
    await expect(c.command({ cmd: 'stop', target: 'ghost' })).rejects.toMatchObject({
      code: 'RESILAB_E_UNKNOWN_APP',
    });
  });

  it('rejects with RESILAB_E_NOT_READY and the last log lines when the app crashes on boot', async () => {
    const port = await freePort();
    const started = SupervisorClient.start({
      target: `${SAMPLE_APPS}http-app.js`,
      flags: { name: 'bad', maxRestarts: '2' },
      env: { PORT: String(port), CRASH_ON_BOOT: '1' },
      home: home(),
    });
    await expect(started).rejects.toMatchObject({ code: 'RESILAB_E_NOT_READY' });
    await expect(started).rejects.toThrow(/errored[\s\S]*CRASH_ON_BOOT/);
  });

  it("SIGKILL of the runtime leaves no app process nor an app's own child behind", async () => {
    const port = await freePort();
    const lines: string[] = [];
    const c = await SupervisorClient.start({
      target: `${FIXTURES}apps/spawns-a-child.js`,
      flags: { instances: '2', name: 'tree' },
      env: { PORT: String(port) },
      home: home(),
      onLog: (line) => lines.push(line),
    });
    client = c;
    track(c.pid);
    const appPids = (await c.list()).map((i) => i.pid ?? 0);
    const grandchildren = await waitFor('both app children', () => {
      const pids = lines.map((l) => /child (\d+)/.exec(l)?.[1]).filter(Boolean);
      return pids.length === 2 && pids.map(Number);
    });
    const tree = descendants(c.pid);
    expect(tree).toEqual(expect.arrayContaining([...appPids, ...grandchildren]));
    process.kill(c.pid, 'SIGKILL');
    expect(await waitGone([c.pid, ...tree])).toEqual([]);
  });
});

describe('resilab runtime (raw IPC and --events)', () => {
  it('answers a malformed request with RESILAB_E_IPC_MESSAGE and keeps serving; writes events as JSON lines', async () => {
    const port = await freePort();
    const events = join(home(), 'events.jsonl');
    const child = fork(
      BIN,
      ['runtime', `${FIXTURES}apps/http.js`, '--ipc', '--events', events, '--name', 'raw'],
      {
        env: { ...process.env, PORT: String(port), RESILAB_HOME: home() },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    track(child.pid);
    const messages: IpcMessage[] = [];
    const next = (match: (m: IpcMessage) => boolean) =>
      new Promise<IpcMessage>((resolve) => {
        const found = messages.find(match);
        if (found) return resolve(found);
        child.on('message', (m: IpcMessage) => match(m) && resolve(m));
      });
    child.on('message', (m: IpcMessage) => messages.push(m));
    const started = await next((m) => m.kind === 'started');
    expect(started).toMatchObject({ kind: 'started', ok: true });

    child.send({ kind: 'request', id: 7, command: { cmd: 'scale', target: 'raw', instances: 'many' } });
    const bad = await next((m) => m.kind === 'reply' && m.id === 7);
    expect(bad).toMatchObject({ ok: false, error: { code: 'RESILAB_E_IPC_MESSAGE' } });
    expect(bad.kind === 'reply' && !bad.ok && bad.error.message).toMatch(/command\.instances.*"many"/);
    child.send({ hello: 'world' });
    expect(await next((m) => m.kind === 'reply' && m.id === -1)).toMatchObject({ ok: false });
    child.send({ kind: 'request', id: 8, command: { cmd: 'list' } });
    const list = await next((m) => m.kind === 'reply' && m.id === 8);
    expect(list).toMatchObject({ ok: true, result: [{ app: 'raw', state: 'listening' }] });

    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const written = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SupervisorEvent);
    const types = written.map((e) => e.type).filter((t) => t !== 'event-loop');
    expect(types).toEqual(['spawn', 'online', 'listening', 'stopping', 'exit', 'stopped']);
    expect(written.every((e) => typeof e.t === 'number' && e.app === 'raw')).toBe(true);
  });

  it('stops its apps and exits when the parent disconnects', async () => {
    const port = await freePort();
    const child = fork(
      BIN,
      ['runtime', `${FIXTURES}apps/http.js`, '--ipc', '--name', 'orphaned', '-i', '2'],
      {
        env: { ...process.env, PORT: String(port), RESILAB_HOME: home() },
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      },
    );
    track(child.pid);
    const started = await new Promise<IpcMessage>((resolve) =>
      child.on('message', (m: IpcMessage) => m.kind === 'started' && resolve(m)),
    );
    const pids = started.kind === 'started' ? started.instances.map((i) => i.pid ?? 0) : [];
    expect(pids).toHaveLength(2);
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.disconnect();
    expect(await exited).toBe(0);
    expect(await waitGone(pids)).toEqual([]);
  });

  it('exits 2 with one message for a bad flag', async () => {
    const child = fork(BIN, ['runtime', `${FIXTURES}apps/http.js`, '--instances', 'lots'], { stdio: 'pipe' });
    track(child.pid);
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise((resolve) => child.once('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/--instances.*"lots"/);
  });
});

describe('resilab runtime auto-exit (like pm2-runtime, also when the app is errored)', () => {
  const crashing = [`${FIXTURES}apps/exit-code-42.js`, '--max-restarts', '2', '--min-uptime', '5000'];

  it('exits 1 with a line saying why once every app is errored', async () => {
    const run = startRuntime(crashing);
    expect(await run.exited).toBe(1);
    expect(run.events().filter((e) => e.type === 'errored')).toHaveLength(1);
    expect(run.child.errors()).toContain('no app is running (errored): exiting');
  });

  it('keeps running with --no-auto-exit, and stops with exit 0 on SIGINT', async () => {
    const run = startRuntime([...crashing, '--no-auto-exit']);
    await waitForEvents(run, 'errored');
    // it is still serving after the errored event: `resilab list` reaches it over its socket
    const list = spawnSync(process.execPath, [BIN, 'list', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, RESILAB_HOME: run.home },
    });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('"errored"');
    expect(await stopRuntime(run)).toBe(0);
  });
});
