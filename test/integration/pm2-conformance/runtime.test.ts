// PM2's documented patterns, run as a PM2 user runs them: `resilab runtime runtime.config.js` (the
// pm2-runtime of the docs) on an ecosystem file with fixture apps written the way the docs write
// them. One runtime serves every pattern of this file: Graceful Start (ready after listen, before
// listen, with no server), Restart Strategies (cron_restart with a seconds field), Log Management
// (out_file/error_file/log_date_format) and Graceful Shutdown (SIGINT handler, shutdown message, an
// app that ignores both), the last when the runtime is stopped.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../../src/types.js';
import { cleanup, FIXTURES, freePort, waitFor } from '../../helpers/processes.js';
import { startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

const DOCS = `${FIXTURES}pm2-docs/`;

type Of<T extends SupervisorEvent['type']> = Extract<SupervisorEvent, { type: T }>;

describe('PM2 docs through resilab runtime and an ecosystem file', () => {
  it('graceful start, cron restart, log files, graceful shutdown', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'resilab-docs-logs-'));
    const ports = { PORT_A: await freePort(), PORT_B: await freePort(), PORT_C: await freePort() };
    const env = {
      LOG_DIR: logs,
      PORT_A: String(ports.PORT_A),
      PORT_B: String(ports.PORT_B),
      PORT_C: String(ports.PORT_C),
      PORT_D: String(await freePort()),
    };
    const run = startRuntime(['runtime.config.js'], env, DOCS);
    const of = <T extends SupervisorEvent['type']>(type: T, app: string): Of<T>[] =>
      run.events().filter((e): e is Of<T> => e.type === type && e.app === app);

    // Graceful Start: 'ready' marks each instance up, whichever comes first, and with no server at all.
    await waitForEvents(run, 'ready', 3);
    const order = (app: string) =>
      run
        .events()
        .filter((e) => e.app === app && (e.type === 'listening' || e.type === 'ready'))
        .map((e) => e.type);
    expect(order('listen-then-ready')).toEqual(['listening', 'ready']);
    expect(order('ready-then-listen')[0]).toBe('ready');
    expect(order('queue-worker')).toEqual(['ready']);

    // Restart Strategies: cron_restart '*/2 * * * * *' (seconds field) restarts the job on schedule.
    await waitForEvents(run, 'cron-restart', 2);
    const cron = run.events().filter((e) => e.type === 'cron-restart');
    expect(cron.every((e) => e.app === 'nightly' && e.instance === null)).toBe(true);
    expect(cron[0]).toMatchObject({ pattern: '*/2 * * * * *' });
    const cronGaps = cron.slice(1).map((e, k) => e.t - (cron[k]?.t ?? 0));
    expect(cronGaps.every((gap) => gap > 1000)).toBe(true); // every other second, not every second
    await waitFor('the job started a third time', () => (of('spawn', 'nightly').length >= 3 ? true : null));
    const jobPids = new Set(of('spawn', 'nightly').map((e) => e.pid));
    expect(jobPids.size).toBeGreaterThanOrEqual(3);
    expect(of('stopping', 'nightly')[0]?.reason).toBe('cron_restart */2 * * * * *');

    // Graceful Shutdown, when the runtime is stopped (SIGINT to pm2-runtime). The stubborn app below
    // had to be SIGKILLed, so runtime says so with 137 (128 + SIGKILL); pm2-runtime exits 0 either way.
    expect(await stopRuntime(run)).toBe(137);
    const stopped = (app: string) => of('stopped', app).at(-1);
    // - process.on('SIGINT') closing the server and the db (~500 ms): exits by itself, code 0.
    expect(stopped('sigint-db')).toMatchObject({ forced: false });
    expect(stopped('sigint-db')?.duration_ms).toBeGreaterThanOrEqual(450);
    expect(of('exit', 'sigint-db').at(-1)).toMatchObject({ code: 0, expected: true });
    // - shutdown_with_message: the 'shutdown' message, not SIGINT, ends it.
    expect(stopped('shutdown-message')).toMatchObject({ forced: false });
    expect(of('exit', 'shutdown-message').at(-1)).toMatchObject({ code: 0 });
    // - an app that ignores both: SIGKILL after kill_timeout (800 ms).
    expect(stopped('stubborn')).toMatchObject({ forced: true });
    expect(stopped('stubborn')?.duration_ms).toBeGreaterThanOrEqual(750);
    // The graceful-start apps never waited for listen_timeout (the job and the stubborn app, with
    // no server and no wait_ready, do: resilab counts 'online' as not up; PM2 calls them online).
    const timedOut = run
      .events()
      .filter((e) => e.type === 'listen-timeout')
      .map((e) => e.app);
    expect(timedOut.filter((app) => !['nightly', 'stubborn'].includes(app))).toEqual([]);

    // Log Management: out_file (-<instance> added, as PM2) with log_date_format ('YYYY-MM-DD HH:mm Z').
    const out = readFileSync(join(logs, 'sigint-db-out-0.log'), 'utf8');
    expect(out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d: db closed$/m);
  });
});
