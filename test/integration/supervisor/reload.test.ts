import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../../../src/clock.js';
import { SupervisorClient } from '../../../src/runner/managers/resilab.js';
import { EventLog } from '../../helpers/events.js';
import { loadWhile } from '../../helpers/load.js';
import { cleanup, freePort, SAMPLE_APPS, track, waitGone } from '../../helpers/processes.js';

let client: SupervisorClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
  expect(await cleanup()).toEqual([]);
});

describe('rolling reload (cluster, through resilab runtime)', () => {
  it('replaces 2 instances of an app with no shutdown code under load with zero failed requests', async () => {
    const port = await freePort();
    const log = new EventLog();
    const c = await SupervisorClient.start({
      target: `${SAMPLE_APPS}bare-app.js`,
      flags: { instances: '2', name: 'bare' },
      env: { PORT: String(port) },
      home: mkdtempSync(join(tmpdir(), 'resilab-reload-')),
      onEvent: log.push,
    });
    client = c;
    track(c.pid);
    const before = await c.list();
    expect(before.map((i) => [i.exec_mode, i.state])).toEqual([
      ['cluster', 'listening'],
      ['cluster', 'listening'],
    ]);

    const { ok, failed, result, duringDone } = await loadWhile(`http://127.0.0.1:${port}/`, {
      connections: 20,
      durationS: 3,
      after: 300,
      during: () => c.command({ cmd: 'reload', target: 'bare' }),
    });
    const loadEnd = now();
    await duringDone;

    expect(duringDone).not.toBeNull();
    const end = await log.waitFor('reload-end');
    expect(end).toMatchObject({ ok: true });
    expect(end.t).toBeLessThan(loadEnd); // the whole reload happened under load
    const after = await c.list();
    const oldPids = before.map((i) => i.pid ?? 0);
    expect(after.map((i) => i.pid).filter((pid) => oldPids.includes(pid ?? 0))).toEqual([]);
    // One at a time: the second replacement spawned only after the first old worker stopped.
    const spawns = log.of('spawn').slice(2);
    const stopped = log.of('stopped');
    expect(stopped.map((e) => e.pid)).toEqual(oldPids);
    expect(spawns[1]?.t).toBeGreaterThan(stopped[0]?.t ?? Number.POSITIVE_INFINITY);
    // Every old worker left on its own after draining: none needed SIGKILL.
    expect(stopped.every((e) => !e.forced)).toBe(true);
    expect(failed).toBe(0);
    expect(result.errors + result.timeouts + result.non2xx).toBe(0);
    expect(ok).toBeGreaterThan(300);
    expect(await waitGone(oldPids)).toEqual([]);
  });
});
