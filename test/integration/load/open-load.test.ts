// The open model against a real http-app: the achieved rate follows the stages, a frozen server
// (SIGSTOP) makes arrivals drop and latency from the schedule climb, and every arrival is accounted
// for exactly once (served, failed or dropped). One app serves the file's tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../../src/load/index.js';
import { mergeLatency } from '../../../src/metrics/latency.js';
import { arrivals, bucketsIn, sum } from '../../../src/metrics/spans.js';
import type { LoadBucket } from '../../../src/types.js';
import { cleanup } from '../../helpers/processes.js';
import { type RunningApp, spec, startHttpApp, stopApp } from './app.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(async () => {
  await stopApp(app);
  expect(await cleanup()).toEqual([]);
});

/** Every outcome of a span's buckets, dropped arrivals included. */
function outcomes(buckets: readonly LoadBucket[]): number {
  const c = sum(buckets);
  return (
    c.ok_2xx + c.non_2xx + c.resets + c.refused + c.timeouts + c.other_errors + arrivals(buckets).dropped
  );
}

describe('runLoad, model: open', () => {
  it('the achieved rate follows the stages (within 10 % per 1 s stage), every arrival accounted for', async () => {
    const stages = [
      { duration_ms: 1000, target: 100 },
      { duration_ms: 1000, target: 300 },
      { duration_ms: 1000, target: 300 },
    ];
    const result = await runLoad({
      url: app.url,
      spec: spec({ model: 'open', rate: 100, stages, max_connections: 50, duration_ms: 3000 }),
      bucketMs: 100,
    });
    const expected = [100, 200, 300]; // a constant 100, a ramp 100 → 300, a constant 300
    expected.forEach((arrivalsInStage, i) => {
      const stage = { start: result.t_start + i * 1000, end: result.t_start + (i + 1) * 1000 };
      const inStage = bucketsIn(result.buckets, stage);
      // The schedule itself is exact: the arrivals of a stage are the integral of its rate.
      expect(Math.abs(arrivals(inStage).offered - arrivalsInStage)).toBeLessThanOrEqual(1);
      // What the server answered in the stage (completions lag a few ms): within 10 %.
      expect(sum(inStage).ok_2xx).toBeGreaterThanOrEqual(arrivalsInStage * 0.9);
      expect(sum(inStage).ok_2xx).toBeLessThanOrEqual(arrivalsInStage * 1.1);
    });
    expect(arrivals(result.buckets).offered).toBe(600);
    expect(outcomes(result.buckets)).toBe(600);
    expect(result.totals.requests + (result.totals.dropped ?? 0)).toBe(600);
    expect(result.buckets.every((b) => b.service_latency !== undefined && b.offered !== undefined)).toBe(
      true,
    );
  });

  it('a frozen server: arrivals drop once every connection waits, and latency from the schedule shows the pause', async () => {
    const freezeMs = 600;
    const load = runLoad({
      url: app.url,
      spec: spec({
        model: 'open',
        rate: 200,
        stages: [],
        max_connections: 10,
        duration_ms: 2000,
        timeout_ms: 3000,
      }),
      bucketMs: 100,
      onBucket: (b) => {
        // Freeze once the load has run 0.5 s, on its own buckets' clock.
        if (frozenAt === null && b.t_end - start(b) >= 500) {
          frozenAt = b.t_end;
          app.child.kill('SIGSTOP');
          setTimeout(() => app.child.kill('SIGCONT'), freezeMs);
        }
      },
    });
    let first: number | null = null;
    const start = (b: LoadBucket) => {
      first ??= b.t_start;
      return first;
    };
    let frozenAt: number | null = null;
    const result = await load;
    expect(frozenAt).not.toBeNull();
    const all = result.buckets;
    const dropped = arrivals(all).dropped;
    // 200/s for 0.6 s is ~120 arrivals; 10 connections hold 10 of them: the rest are dropped.
    expect(dropped).toBeGreaterThan(50);
    expect(result.totals.dropped).toBe(dropped);
    expect(outcomes(all)).toBe(arrivals(all).offered);
    // The requests held by the frozen server waited through the pause, counted from their schedule.
    const latency = mergeLatency(all, 'latency');
    const service = mergeLatency(all, 'service_latency');
    expect(latency?.max).toBeGreaterThan(freezeMs / 2);
    expect(latency?.p99).toBeGreaterThan(freezeMs / 2);
    // From the schedule is never shorter than from the send, bucket by bucket, and longer overall.
    for (const b of all) {
      if (b.latency && b.service_latency) expect(b.latency.max).toBeGreaterThanOrEqual(b.service_latency.max);
    }
    expect(latency?.p50).toBeGreaterThan(service?.p50 ?? Infinity);
  });
});
