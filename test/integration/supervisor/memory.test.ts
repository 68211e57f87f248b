import { afterEach, describe, expect, it } from 'vitest';
import { appConfig } from '../../helpers/app-config.js';
import { FIXTURES } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

const GROWS = `${FIXTURES}apps/grows-memory.js`;
const LIMIT = 100 * 1024 * 1024;

describe('max_memory_restart', () => {
  it('fork mode: over the limit → memory-limit event with rss, then the process is restarted', async () => {
    const { supervisor, log } = supervised();
    const app = appConfig(GROWS, {
      name: 'fat',
      max_memory_restart: LIMIT,
      memory_check_interval: 100,
      listen_timeout: 200,
    });
    const [first] = await supervisor.start([app]);
    const limit = await log.waitFor('memory-limit');
    expect(limit.rss).toBeGreaterThan(LIMIT);
    expect(limit).toMatchObject({ limit: LIMIT, pid: first?.pid });
    await log.waitFor('spawn', () => true, 2);
    const order = log.types((e) => e.type !== 'listen-timeout').slice(0, 7);
    expect(order).toEqual(['spawn', 'online', 'memory-limit', 'stopping', 'exit', 'stopped', 'spawn']);
    expect(log.of('stopping')[0]?.reason).toBe('memory limit');
  });

  it('cluster mode: the replacement starts before the old instance is stopped', async () => {
    const { supervisor, log } = supervised();
    const app = appConfig(GROWS, {
      name: 'fatc',
      exec_mode: 'cluster',
      max_memory_restart: LIMIT,
      memory_check_interval: 100,
      listen_timeout: 200,
    });
    const [first] = await supervisor.start([app]);
    await log.waitFor('memory-limit');
    const stopping = await log.waitFor('stopping', (e) => e.pid === first?.pid);
    const spawns = log.of('spawn');
    expect(spawns).toHaveLength(2);
    expect(spawns[1]?.t).toBeLessThan(stopping.t);
    expect(stopping.reason).toBe('memory limit');
    await log.waitFor('stopped', (e) => e.pid === first?.pid);
  });
});
