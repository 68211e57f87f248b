import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../../src/load/index.js';
import type { LoadSpec } from '../../../src/types.js';
import { cleanup } from '../../helpers/processes.js';
import { exited, startHttpApp } from '../load/app.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

const spec: LoadSpec = {
  path: '/',
  method: 'GET',
  connections: 20,
  duration_ms: 2000,
  warmup_ms: 0,
  pipelining: 1,
  rate: null,
  timeout_ms: 2000,
};

describe('http-app graceful shutdown', () => {
  it('fails no request when SIGTERM arrives under 20 keep-alive connections', async () => {
    const app = await startHttpApp();
    const gone = exited(app.child);
    setTimeout(() => app.child.kill('SIGTERM'), 800);
    const result = await runLoad({ url: app.url, spec, bucketMs: 100 });
    await gone;
    expect(app.child.exitCode).toBe(0);
    const sum = (key: 'ok_2xx' | 'resets' | 'non_2xx' | 'timeouts' | 'other_errors') =>
      result.buckets.reduce((total, bucket) => total + bucket[key], 0);
    expect(sum('ok_2xx')).toBeGreaterThan(100);
    // After the listener closed, reconnects are refused (not failures); nothing in flight is lost.
    expect({
      resets: sum('resets'),
      non_2xx: sum('non_2xx'),
      timeouts: sum('timeouts'),
      other: sum('other_errors'),
    }).toEqual({
      resets: 0,
      non_2xx: 0,
      timeouts: 0,
      other: 0,
    });
  });
});
