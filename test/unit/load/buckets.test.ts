import { describe, expect, it } from 'vitest';
import {
  bucketize,
  classifyError,
  type LoadSample,
  percentile,
  summarizeLatency,
} from '../../../src/load/buckets.js';

const ok = (t: number, latency = 1, status = 200): LoadSample => ({ t, status, latency });
const err = (t: number, error: string): LoadSample => ({ t, error });

describe('classifyError', () => {
  it.each([
    ['ECONNRESET', 'resets'],
    ['EPIPE', 'resets'],
    ['EOF', 'resets'],
    ['socket hang up', 'resets'],
    ['ECONNREFUSED', 'refused'],
    ['request timed out', 'timeouts'],
    ['ETIMEDOUT', 'timeouts'],
    ['EADDRNOTAVAIL', 'other_errors'],
    ['ENOTFOUND', 'other_errors'],
  ])('%s → %s', (code, expected) => {
    expect(classifyError(code)).toBe(expected);
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes unsorted latencies, or null for none', () => {
    expect(summarizeLatency([])).toBeNull();
    expect(summarizeLatency([30, 10, 20, 100])).toMatchObject({
      count: 4,
      p50: 20,
      p90: 100,
      p99: 100,
      p999: 100,
      max: 100,
    });
  });
});

describe('bucketize', () => {
  const window = { from: 1000, to: 1250, bucketMs: 100 };

  it('cuts [from, to) into contiguous buckets, the last one shorter', () => {
    const buckets = bucketize([], window);
    expect(buckets.map((b) => [b.t_start, b.t_end])).toEqual([
      [1000, 1100],
      [1100, 1200],
      [1200, 1250],
    ]);
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({
        ok_2xx: 0,
        non_2xx: 0,
        resets: 0,
        refused: 0,
        timeouts: 0,
        other_errors: 0,
      });
      expect(bucket.latency).toBeNull();
    }
  });

  it('puts a sample on an edge in the bucket that starts there; the last bucket keeps `to`', () => {
    const buckets = bucketize([ok(1000), ok(1099.999), ok(1100), ok(1250), ok(999.9), ok(1250.1)], window);
    expect(buckets.map((b) => b.ok_2xx)).toEqual([2, 1, 1]);
  });

  it('classifies responses and errors', () => {
    const samples = [
      ok(1010),
      ok(1020, 1, 204),
      ok(1030, 1, 503),
      ok(1040, 1, 404),
      ok(1045, 1, 302),
      err(1050, 'ECONNRESET'),
      err(1051, 'EOF'),
      err(1060, 'ECONNREFUSED'),
      err(1061, 'ECONNREFUSED'),
      err(1070, 'request timed out'),
      err(1080, 'EHOSTUNREACH'),
    ];
    const [first] = bucketize(samples, window);
    expect(first).toMatchObject({
      ok_2xx: 2,
      non_2xx: 3,
      resets: 2,
      refused: 2,
      timeouts: 1,
      other_errors: 1,
    });
    expect(first?.latency?.count).toBe(5);
  });

  it('takes latency only from the responses completed in each bucket', () => {
    const samples = [
      ok(1001, 5),
      ok(1002, 1),
      ok(1003, 3),
      err(1004, 'ECONNRESET'),
      ok(1150, 40),
      ok(1160, 2),
    ];
    const [a, b, c] = bucketize(samples, window);
    expect(a?.latency).toMatchObject({ count: 3, p50: 3, p90: 5, p99: 5, max: 5 });
    expect(b?.latency).toMatchObject({ count: 2, p50: 2, p90: 40, p99: 40, max: 40 });
    expect(c?.latency).toBeNull();
  });

  it('gives nothing for an empty window and rejects a bucket size that is not positive', () => {
    expect(bucketize([ok(5)], { from: 10, to: 10, bucketMs: 100 })).toEqual([]);
    expect(() => bucketize([], { from: 0, to: 10, bucketMs: 0 })).toThrow(/bucketMs/);
  });
});
