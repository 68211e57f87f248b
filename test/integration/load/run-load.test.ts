// runLoad against a real http-app: contiguous buckets that add up, a server that is down, a crash
// under load and the reconnect after it, and an abort. Real processes, real autocannon.
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../../../src/clock.js';
import { runLoad } from '../../../src/load/run.js';
import type { LoadBucket } from '../../../src/types.js';
import { cleanup, freePort } from '../../helpers/processes.js';
import { exited, spec, startHttpApp, stopApp } from './app.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

type Count = 'ok_2xx' | 'non_2xx' | 'resets' | 'refused' | 'timeouts' | 'other_errors' | 't_start' | 't_end';
const sum = (buckets: LoadBucket[], key: Count) => buckets.reduce((total, bucket) => total + bucket[key], 0);

/** A TCP server that accepts connections and never answers; close() ends them and the server. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port: (server.address() as AddressInfo).port, close };
}

describe('runLoad', () => {
  it('gives contiguous buckets from t_start to t_end whose 2xx add up to the responses', async () => {
    const app = await startHttpApp();
    const live: LoadBucket[] = [];
    const result = await runLoad({
      url: app.url,
      spec: spec(),
      bucketMs: 100,
      onBucket: (b) => live.push(b),
    });

    expect(result.aborted).toBe(false);
    expect(result.buckets.length).toBeGreaterThanOrEqual(10);
    expect(result.buckets[0]?.t_start).toBe(result.t_start);
    expect(result.buckets.at(-1)?.t_end).toBe(result.t_end);
    result.buckets.forEach((bucket, i) => {
      if (i > 0) expect(bucket.t_start).toBe(result.buckets[i - 1]?.t_end);
      if (i < result.buckets.length - 1) expect(bucket.t_end - bucket.t_start).toBeCloseTo(100, 6);
      expect(bucket.latency?.count ?? 0).toBe(bucket.ok_2xx + bucket.non_2xx);
    });
    expect(live).toEqual(result.buckets);
    expect(sum(result.buckets, 'ok_2xx')).toBeGreaterThan(0);
    expect(sum(result.buckets, 'ok_2xx')).toBe(result.totals.requests);
    for (const key of ['non_2xx', 'resets', 'refused', 'timeouts', 'other_errors'] as const) {
      expect(sum(result.buckets, key)).toBe(0);
    }
    expect(result.totals.errors).toBe(0);
    expect(result.cpu_pct_mean).toBeGreaterThan(0);
    await stopApp(app);
  });

  it('counts a server that is down as refused connects, not failed requests (autocannon errors trap)', async () => {
    const port = await freePort();
    const connections = 4;
    const result = await runLoad({
      url: `http://localhost:${port}/`,
      spec: spec({ connections, duration_ms: 1000 }),
      bucketMs: 100,
    });

    const refused = sum(result.buckets, 'refused');
    expect(sum(result.buckets, 'ok_2xx')).toBe(0);
    expect(sum(result.buckets, 'resets') + sum(result.buckets, 'timeouts')).toBe(0);
    expect(sum(result.buckets, 'other_errors')).toBe(0);
    // autocannon retries a refused connect at once, in a tight loop: its `errors` counts attempts.
    expect(refused).toBe(result.totals.errors);
    expect(result.totals.errors).toBeGreaterThan(20 * connections);
  });

  it('shows the in-flight requests a crash resets, then a clean reconnect with honest latency', async () => {
    const app = await startHttpApp();
    const connections = 8;
    let crashAt = 0;
    let exitAt = 0;
    let respawnAt = 0;
    let firstStart: number | undefined;
    const respawned = exited(app.child).then(async () => {
      exitAt = now();
      respawnAt = now();
      return startHttpApp(app.port);
    });
    const result = await runLoad({
      url: app.url,
      spec: spec({ connections, duration_ms: 2500 }),
      bucketMs: 100,
      onBucket: (bucket) => {
        firstStart ??= bucket.t_start;
        if (crashAt === 0 && bucket.ok_2xx > 0 && bucket.t_end - firstStart >= 500) {
          crashAt = now();
          fetch(`http://127.0.0.1:${app.port}/crash`).catch(() => {});
        }
      },
    });
    await stopApp(await respawned);

    expect(crashAt).toBeGreaterThan(0);
    const before = result.buckets.filter((b) => b.t_end <= crashAt);
    const crash = result.buckets.filter((b) => b.t_end > crashAt && b.t_start <= exitAt + 100);
    const after = result.buckets.filter((b) => b.t_start >= respawnAt);
    expect(sum(before, 'resets') + sum(before, 'refused')).toBe(0);
    // Each connection had one request in flight when the process died; a reconnect the dying
    // process's backlog still accepted can lose one more. Refused attempts are many more than that.
    expect(sum(crash, 'resets')).toBeGreaterThan(0);
    expect(sum(result.buckets, 'resets')).toBeLessThanOrEqual(2 * connections);
    expect(sum(result.buckets, 'refused')).toBeGreaterThan(sum(result.buckets, 'resets'));
    expect(sum(result.buckets, 'timeouts') + sum(result.buckets, 'other_errors')).toBe(0);
    // After the reconnect: responses again, and no latency older than the new process itself
    // (autocannon alone matches them to stale start times from before the crash).
    expect(sum(after, 'ok_2xx')).toBeGreaterThan(0);
    for (const bucket of after) {
      if (bucket.latency) expect(bucket.latency.max).toBeLessThanOrEqual(bucket.t_end - respawnAt);
    }
  });

  it('does not count requests autocannon wrote after the server announced Connection: close', async () => {
    // A real client opens a new connection after `Connection: close`; autocannon writes the next
    // request on the closing one first. Those were never going to be served: not failures.
    const server = createServer((_req, res) => {
      res.setHeader('connection', 'close');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const result = await runLoad({
      url: `http://127.0.0.1:${port}/`,
      spec: spec({ connections: 4, duration_ms: 1000 }),
      bucketMs: 100,
    });
    await new Promise((resolve) => server.close(resolve));

    expect(sum(result.buckets, 'ok_2xx')).toBeGreaterThan(0);
    expect(sum(result.buckets, 'ok_2xx')).toBe(result.totals.requests);
    expect(sum(result.buckets, 'resets') + sum(result.buckets, 'other_errors')).toBe(0);
  });

  it('counts timeouts against a server that accepts and never answers, and nothing else', async () => {
    const { port, close } = await silentServer();
    const connections = 4;
    const result = await runLoad({
      url: `http://127.0.0.1:${port}/`,
      spec: spec({ connections, duration_ms: 2200, timeout_ms: 1000 }),
      bucketMs: 100,
    });
    await close();

    const timeouts = sum(result.buckets, 'timeouts');
    expect(timeouts).toBeGreaterThanOrEqual(connections);
    // One per connection per elapsed timeout at most (autocannon reconnects after each).
    expect(timeouts).toBeLessThanOrEqual(connections * Math.ceil(2200 / 1000));
    expect(timeouts).toBe(result.totals.timeouts);
    expect(
      sum(result.buckets, 'ok_2xx') + sum(result.buckets, 'resets') + sum(result.buckets, 'refused'),
    ).toBe(0);
    expect(sum(result.buckets, 'other_errors')).toBe(0);
    // Nothing answers, so the first timeouts land no earlier than one timeout after the start.
    const first = result.buckets.findIndex((b) => b.timeouts > 0);
    expect((result.buckets[first]?.t_end ?? 0) - result.t_start).toBeGreaterThan(1000);
    expect(result.warnings).toEqual([]);
  });

  it("judges the generator's CPU on its own thread: a busy main thread does not make it look saturated", async () => {
    const { port, close } = await silentServer();
    const loading = runLoad({
      url: `http://127.0.0.1:${port}/`,
      spec: spec({ connections: 2, duration_ms: 1200, timeout_ms: 5000 }),
      bucketMs: 100,
    });
    // The main thread (where the prober and a proxy run) spins for most of the load; the generator
    // waits on answers that never come.
    const cpuBefore = process.cpuUsage();
    const until = performance.now() + 1000;
    while (performance.now() < until) {
      /* busy */
    }
    const spun = process.cpuUsage(cpuBefore);
    const result = await loading;
    await close();

    // The process as a whole was busy (the old measure); the generator's thread was not.
    const mainPct = ((spun.user + spun.system) / 1000 / (result.t_end - result.t_start)) * 100;
    expect(mainPct).toBeGreaterThan(40);
    expect(result.cpu_pct_mean).not.toBeNull();
    expect(result.cpu_pct_mean ?? 100).toBeLessThan(mainPct / 2);
    expect(result.cpu_saturated).toBe(false);
  });

  it('holds a fixed request rate (autocannon overallRate) without back-filled latency', async () => {
    const app = await startHttpApp();
    const rate = 200;
    const result = await runLoad({
      url: app.url,
      spec: spec({ connections: 4, duration_ms: 2000, rate }),
      bucketMs: 100,
    });
    await stopApp(app);
    const ok = sum(result.buckets, 'ok_2xx');
    // autocannon's rate is per started second: 2 s of load is 2 (at most 3, at the edge) windows.
    expect(ok).toBeGreaterThanOrEqual(rate);
    expect(ok).toBeLessThanOrEqual(3 * rate);
    expect(result.buckets.reduce((n, b) => n + (b.latency?.count ?? 0), 0)).toBe(ok);
  });

  it("raises a timeout under one second to autocannon's minimum and says so", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runLoad({
      url: 'http://127.0.0.1:9/',
      spec: spec({ timeout_ms: 500 }),
      bucketMs: 100,
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.buckets).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('load.timeout: 500 ms')]);
  });

  it('stops early when aborted and resolves with what it measured', async () => {
    const app = await startHttpApp();
    const controller = new AbortController();
    let seen = 0;
    const result = await runLoad({
      url: app.url,
      spec: spec({ duration_ms: 20_000 }),
      bucketMs: 100,
      signal: controller.signal,
      onBucket: () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.t_end - result.t_start).toBeLessThan(20_000 / 4);
    expect(sum(result.buckets, 'ok_2xx')).toBeGreaterThan(0);
    expect(sum(result.buckets, 'ok_2xx')).toBe(result.totals.requests);
    await stopApp(app);
  });
});
