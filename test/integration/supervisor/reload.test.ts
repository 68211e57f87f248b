import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor } from '../../../src/supervisor/supervisor.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { appConfig } from '../../helpers/app-config.js';
import { loadWhile } from '../../helpers/load.js';
import { cleanup, freePort, SAMPLE_APPS, track, waitGone } from '../../helpers/processes.js';

let supervisor: Supervisor | null = null;
afterEach(async () => {
  await supervisor?.shutdown();
  supervisor = null;
  expect(await cleanup()).toEqual([]);
});

describe('rolling reload (cluster)', () => {
  it('replaces 2 instances of an app with no shutdown code under load with zero failed requests', async () => {
    const port = await freePort();
    const home = mkdtempSync(join(tmpdir(), 'resilab-reload-'));
    supervisor = new Supervisor({ home });
    const events: SupervisorEvent[] = [];
    supervisor.on('event', (e) => events.push(e));
    const app = appConfig(`${SAMPLE_APPS}bare-app.js`, {
      name: 'bare',
      exec_mode: 'cluster',
      instances: 2,
      env: { PORT: String(port) },
    });
    const before = await supervisor.start([app]);
    for (const i of before) track(i.pid ?? undefined);
    expect(before.map((i) => i.state)).toEqual(['listening', 'listening']);

    const sup = supervisor;
    const { ok, failed, result, duringDone } = await loadWhile(`http://127.0.0.1:${port}/`, {
      connections: 20,
      durationS: 2,
      after: 2000,
      during: () => sup.reload('bare'),
    });
    await duringDone;

    const after = supervisor.list();
    for (const i of after) track(i.pid ?? undefined);
    expect(duringDone).not.toBeNull();
    expect(events.find((e) => e.type === 'reload-end')).toMatchObject({ ok: true });
    expect(after.map((i) => i.pid)).not.toContain(before[0]?.pid);
    expect(after.map((i) => i.pid)).not.toContain(before[1]?.pid);
    // Every old process left on its own after draining: none needed SIGKILL.
    const stopped = events.filter((e) => e.type === 'stopped');
    expect(stopped).toHaveLength(2);
    expect(stopped.every((e) => e.type === 'stopped' && !e.forced)).toBe(true);
    expect(failed).toBe(0);
    expect(result.errors + result.timeouts + result.non2xx).toBe(0);
    expect(ok).toBeGreaterThan(2000);
    expect(await waitGone(before.map((i) => i.pid ?? 0))).toEqual([]);
  });
});
