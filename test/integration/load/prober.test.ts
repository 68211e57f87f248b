// The prober against a real http-app: the pid header, a gap while the server is down (refused),
// recovery on a new pid, deadlines against a server that never answers, fixed rate under overlap.

import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../../../src/clock.js';
import { probeOnce, startProber } from '../../../src/load/prober.js';
import { cleanup, waitFor } from '../../helpers/processes.js';
import { exited, startHttpApp, stopApp } from './app.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

describe('startProber', () => {
  it('sees the pid, a refused gap while the server is down, and the new pid after', async () => {
    const first = await startHttpApp();
    const prober = startProber({
      url: first.url,
      spec: { path: '/health', interval_ms: 10, timeout_ms: 500 },
    });
    const firstPid = first.child.pid;
    await waitFor(
      '5 probes answered by the first process',
      () => prober.samples().filter((s) => s.ok && s.pid === firstPid).length >= 5,
    );
    const gone = exited(first.child);
    first.child.kill('SIGKILL');
    await gone;
    const downSince = prober.samples().length;
    await waitFor(
      '5 refused probes',
      () =>
        prober
          .samples()
          .slice(downSince)
          .filter((s) => s.error === 'refused').length >= 5,
    );
    const second = await startHttpApp(first.port);
    await waitFor(
      '5 probes answered by the second process',
      () => prober.samples().filter((s) => s.ok && s.pid === second.child.pid).length >= 5,
    );
    const samples = await prober.stop();
    await stopApp(second);

    for (let i = 1; i < samples.length; i++) {
      expect(samples[i]?.t_start).toBeGreaterThan(samples[i - 1]?.t_start ?? 0);
    }
    for (const sample of samples) {
      expect(sample.t_end).toBeGreaterThanOrEqual(sample.t_start);
      if (sample.ok) expect([firstPid, second.child.pid]).toContain(sample.pid);
      if (sample.ok) expect(sample.status).toBe(200);
    }
    // Order: first pid, then a run of failures, then the second pid; never the old pid again.
    const lastOld = samples.findLastIndex((s) => s.ok && s.pid === firstPid);
    const firstNew = samples.findIndex((s) => s.ok && s.pid === second.child.pid);
    expect(lastOld).toBeLessThan(firstNew);
    const gap = samples.slice(lastOld + 1, firstNew);
    expect(gap.length).toBeGreaterThanOrEqual(5);
    expect(gap.every((s) => !s.ok)).toBe(true);
    expect(gap.filter((s) => s.error === 'refused').length).toBeGreaterThanOrEqual(5);
    expect(prober.samples()).toEqual(samples);
  });

  it('ends each probe at its deadline against a server that accepts and never answers, at a fixed rate', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const interval = 20;
    const timeout = 200;
    const prober = startProber({
      url: `http://127.0.0.1:${port}/`,
      spec: { path: '/', interval_ms: interval, timeout_ms: timeout },
    });
    await waitFor('10 probes timed out', () => prober.samples().length >= 10);
    const samples = await prober.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));

    for (const sample of samples) {
      expect(sample).toMatchObject({ ok: false, status: null, error: 'timeout', pid: null });
      expect(sample.t_end - sample.t_start).toBeGreaterThanOrEqual(timeout - 1);
    }
    // Probes overlap (each waits `timeout`), yet they start on the interval grid, not one per timeout.
    const span = (samples.at(-1)?.t_start ?? 0) - (samples[0]?.t_start ?? 0);
    expect(span / (samples.length - 1)).toBeLessThan(timeout / 2);
  });

  it('counts a response cut off mid-body as a reset, with its status and pid', async () => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\nx-pid: 4242\r\n\r\npartial');
        setImmediate(() => socket.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sample = await probeOnce(new URL(`http://127.0.0.1:${port}/`), 2000);
    await new Promise((resolve) => server.close(resolve));
    expect(sample).toMatchObject({ ok: false, status: 200, error: 'reset', pid: 4242 });
  });

  it('stops when the signal aborts', async () => {
    const app = await startHttpApp();
    const controller = new AbortController();
    const prober = startProber({
      url: app.url,
      spec: { path: '/', interval_ms: 10, timeout_ms: 500 },
      signal: controller.signal,
    });
    await waitFor('3 probes', () => prober.samples().length >= 3);
    controller.abort();
    const abortedAt = now();
    // Ten intervals later, collect everything: nothing may have started after the abort.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const samples = await prober.stop();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples.every((sample) => sample.t_start <= abortedAt)).toBe(true);
    await stopApp(app);
  });
});
