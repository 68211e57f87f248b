import { cpus } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { appsFromTarget } from '../../../src/config/ecosystem.js';
import { appConfig } from '../../helpers/app-config.js';
import { FIXTURES, freePort } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

const HTTP = `${FIXTURES}apps/http.js`;

async function get(port: number): Promise<{ pid: number; instance: string | null }> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
  return (await response.json()) as { pid: number; instance: string | null };
}

describe('fork and cluster mode', () => {
  it('fork mode: one process per instance, NODE_APP_INSTANCE set, states launching → online → listening', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const [info] = await supervisor.start([appConfig(HTTP, { name: 'one', env: { PORT: String(port) } })]);
    expect(info).toMatchObject({ app: 'one', instance: 0, state: 'listening', exec_mode: 'fork' });
    const body = await get(port);
    expect(body).toEqual({ pid: info?.pid, instance: '0' });
    expect(log.types()).toEqual(['spawn', 'online', 'listening']);
    expect(log.of('listening')[0]).toMatchObject({ port, address: '127.0.0.1', pid: info?.pid });
  });

  it('cluster mode: round-robin alternates the answering pid between 2 workers', async () => {
    const { supervisor } = supervised();
    const port = await freePort();
    const infos = await supervisor.start([
      appConfig(HTTP, { name: 'rr', exec_mode: 'cluster', instances: 2, env: { PORT: String(port) } }),
    ]);
    expect(infos.map((i) => [i.instance, i.state])).toEqual([
      [0, 'listening'],
      [1, 'listening'],
    ]);
    const answers = [];
    for (let n = 0; n < 6; n++) answers.push(await get(port));
    const pids = answers.map((a) => a.pid);
    expect(new Set(pids)).toEqual(new Set(infos.map((i) => i.pid)));
    for (let n = 1; n < pids.length; n++) expect(pids[n]).not.toBe(pids[n - 1]);
    expect(new Set(answers.map((a) => a.instance))).toEqual(new Set(['0', '1']));
  });

  it("instances 'max', 0 and -1 resolve to the CPU count (-1: one fewer, at least 1) and start that many", async () => {
    const home = supervised().home;
    const port = await freePort();
    const counts = [];
    for (const instances of ['max', '0', '-1']) {
      const { apps } = await appsFromTarget(
        HTTP,
        { instances, name: `n${instances}` },
        { cwd: process.cwd(), home },
      );
      counts.push(apps[0]?.instances);
    }
    expect(counts).toEqual([cpus().length, cpus().length, Math.max(1, cpus().length - 1)]);
    const { apps } = await appsFromTarget(
      HTTP,
      { instances: 'max', name: 'max' },
      { cwd: process.cwd(), home },
    );
    const app = { ...(apps[0] as (typeof apps)[0]), env: { PORT: String(port) } };
    const { supervisor } = supervised();
    const infos = await supervisor.start([app]);
    expect(infos).toHaveLength(cpus().length);
    expect(infos.every((i) => i.exec_mode === 'cluster' && i.state === 'listening')).toBe(true);
  });

  it('scale down stops the highest instances; delete forgets the app', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const infos = await supervisor.start([
      appConfig(HTTP, { name: 'sc', exec_mode: 'cluster', instances: 3, env: { PORT: String(port) } }),
    ]);
    await supervisor.scale('sc', 1);
    expect(supervisor.list().map((i) => [i.instance, i.pid])).toEqual([[0, infos[0]?.pid]]);
    expect(log.of('scale')[0]).toMatchObject({ from: 3, to: 1, instance: null });
    expect(log.of('stopping').map((e) => [e.instance, e.reason])).toEqual([
      [1, 'scale down'],
      [2, 'scale down'],
    ]);
    await expect(supervisor.start([appConfig(HTTP, { name: 'sc' })])).rejects.toMatchObject({
      code: 'RESILAB_E_USAGE',
    });
    await supervisor.delete('sc');
    expect(supervisor.list()).toEqual([]);
    await expect(supervisor.scale('sc', 2)).rejects.toMatchObject({ code: 'RESILAB_E_UNKNOWN_APP' });
  });
});
