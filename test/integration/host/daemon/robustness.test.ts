// The daemon under awkward conditions: two starts at the same moment, a daemon killed with
// SIGKILL (stale pid file and socket), malformed and foreign-version socket messages, unknown names.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DaemonClient } from '../../../../src/cli/pm2/client.js';
import { PROTOCOL_VERSION } from '../../../../src/protocol/wire.js';
import { cli, daemonsOf, listJson, probe, trackDaemon, withTempHome } from '../../../helpers/daemon.js';
import { freePort, isAlive, SAMPLE_APPS, track, waitGone } from '../../../helpers/processes.js';

let dir = '';
let home = '';
withTempHome('resilab-daemon-', (d, h) => {
  dir = d;
  home = h;
});

/** Sends raw lines on the daemon's socket and collects the parsed replies until `count` arrived. */
function exchange(lines: string[], count: number): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(join(home, 'daemon.sock'));
    const replies: Record<string, unknown>[] = [];
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) replies.push(JSON.parse(part));
      if (replies.length >= count) {
        socket.destroy();
        resolve(replies);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
    for (const line of lines) socket.write(`${line}\n`);
  });
}

describe('daemon robustness', () => {
  it('starts one daemon for two concurrent starts, and both apps run under it', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    // Relative script paths resolve against each CLI's cwd.
    const [a, b] = await Promise.all([
      cli(home, ['start', 'http-app.js', '--name', 'a'], SAMPLE_APPS, { PORT: String(portA) }),
      cli(home, ['start', 'bare-app.js', '--name', 'b'], SAMPLE_APPS, { PORT: String(portB) }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const daemons = daemonsOf(home);
    for (const pid of daemons) track(pid);
    expect(daemons).toHaveLength(1);
    expect(trackDaemon(home)).toBe(daemons[0]);
    // Exactly one of the two CLIs says it started the daemon.
    expect([a, b].filter((result) => result.stderr.includes('daemon started'))).toHaveLength(1);
    const rows = await listJson(home, dir);
    for (const row of rows) track(row.pid ?? undefined);
    // Each app runs with the environment of the command that started it (its own PORT), as in PM2.
    expect(rows.map((row) => [row.app, row.state]).sort()).toEqual([
      ['a', 'listening'],
      ['b', 'listening'],
    ]);
    expect(await probe(portA)).toBe(true);
    expect(await probe(portB)).toBe(true);
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
  });

  it('detects a daemon killed with SIGKILL (its pid file and socket left behind) and replaces it', async () => {
    expect((await cli(home, ['resurrect'], dir)).code).toBe(0);
    const dead = trackDaemon(home)!;
    process.kill(dead, 'SIGKILL');
    expect(await waitGone([dead])).toEqual([]);
    expect(existsSync(join(home, 'daemon.pid')) && existsSync(join(home, 'daemon.sock'))).toBe(true);

    // Connection refused means no daemon: list answers instead of failing, and a start cleans up.
    const list = await cli(home, ['list'], dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/No app is running/);
    const port = await freePort();
    const started = await cli(home, ['start', `${SAMPLE_APPS}http-app.js`, '--name', 'api'], dir, {
      PORT: String(port),
    });
    expect(started.code, started.stderr).toBe(0);
    const fresh = trackDaemon(home)!;
    expect(fresh).not.toBe(dead);
    expect(isAlive(fresh)).toBe(true);
    expect(readFileSync(join(home, 'daemon.log'), 'utf8')).toContain(
      `removed the stale pid file and socket of a dead daemon (pid ${dead})`,
    );
    for (const row of await listJson(home, dir)) track(row.pid ?? undefined);
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
  });

  it('answers malformed and foreign-version messages with coded errors and keeps serving', async () => {
    expect((await cli(home, ['resurrect'], dir)).code).toBe(0);
    const daemon = trackDaemon(home)!;
    const version = JSON.parse(
      readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
    ).version;
    const bad = await exchange(
      [
        'this is not json',
        JSON.stringify({ type: 'request', id: 1, command: { cmd: 'list' } }),
        JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, version }),
        JSON.stringify({ type: 'request', id: 2, command: { cmd: 'scale', target: 'x', instances: 'lots' } }),
        JSON.stringify({ type: 'request', id: 3, command: { cmd: 'list' } }),
      ],
      5,
    );
    expect(bad[0]).toMatchObject({
      type: 'reply',
      id: null,
      ok: false,
      error: { code: 'RESILAB_E_IPC_MESSAGE' },
    });
    expect(bad[1]).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'RESILAB_E_IPC_MESSAGE', message: expect.stringMatching(/hello/) },
    });
    expect(bad[2]).toMatchObject({ type: 'welcome', pid: daemon });
    expect(bad[3]).toMatchObject({
      id: 2,
      ok: false,
      error: {
        code: 'RESILAB_E_IPC_MESSAGE',
        message: 'message.command.instances: expected an integer ≥ 0, got "lots"',
      },
    });
    expect(bad[4]).toMatchObject({ id: 3, ok: true, result: [] });

    const foreign = await exchange([JSON.stringify({ type: 'hello', protocol: 1, version: '0.0.1-old' })], 1);
    expect(foreign[0]).toMatchObject({
      ok: false,
      error: { code: 'RESILAB_E_VERSION_MISMATCH', message: expect.stringMatching(/0\.0\.1-old/) },
    });
    // The CLI's client turns it into a coded error (exit 3) instead of talking past the daemon.
    await expect(DaemonClient.connect(home, { version: '0.0.1-old' })).rejects.toMatchObject({
      code: 'RESILAB_E_VERSION_MISMATCH',
      exitCode: 3,
    });
    expect(isAlive(daemon)).toBe(true);
    expect((await cli(home, ['list'], dir)).code).toBe(0);
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
    expect(isAlive(daemon)).toBe(false);
  });

  it('exits 2 with a clear message for an unknown name or id, and for bad flags', async () => {
    const port = await freePort();
    expect(
      (await cli(home, ['start', `${SAMPLE_APPS}http-app.js`, '--name', 'api'], dir, { PORT: String(port) }))
        .code,
    ).toBe(0);
    trackDaemon(home);
    for (const row of await listJson(home, dir)) track(row.pid ?? undefined);
    for (const args of [
      ['stop', 'nope'],
      ['restart', '42'],
      ['describe', 'nope'],
      ['logs', 'nope', '--nostream'],
    ]) {
      const result = await cli(home, args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/RESILAB_E_UNKNOWN_APP/);
    }
    const badFlag = await cli(home, ['start', `${SAMPLE_APPS}http-app.js`, '-i', 'lots'], dir);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--instances: expected .*got "lots"/);
    expect((await cli(home, ['start', 'no-such-app.js'], dir)).code).toBe(2);
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
    // kill without a daemon is not an error (nothing to stop).
    expect((await cli(home, ['kill'], dir)).code).toBe(0);
  });

  it('refuses a corrupt dump on resurrect (exit 2, RESILAB_E_DUMP) before starting anything', async () => {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'dump.json'), '{"version":1,"apps":[{"name"');
    const result = await cli(home, ['resurrect'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dump\.json: not JSON .*\[RESILAB_E_DUMP\]/);
    expect(daemonsOf(home)).toEqual([]);
    expect(readFileSync(join(home, 'dump.json'), 'utf8')).toBe('{"version":1,"apps":[{"name"');
  });
});
