import { describe, expect, it } from 'vitest';
import { bucketize, type LoadSample } from '../../../src/load/buckets.js';
import { createBucketStream, decodeBatch } from '../../../src/load/stream.js';

describe('createBucketStream', () => {
  it('hands out each bucket once it is complete, and the same buckets as one bucketize', () => {
    const samples: LoadSample[] = [
      { t: 1010, status: 200, latency: 1 },
      { t: 1090, error: 'ECONNREFUSED' },
      { t: 1100, status: 500, latency: 2 },
      { t: 1230, status: 200, latency: 3 },
      { t: 1305, error: 'EOF' },
    ];
    const stream = createBucketStream(1000, 100);
    expect(stream.push(samples.slice(0, 2), 1095)).toEqual([]);
    const first = stream.push(samples.slice(2, 4), 1240);
    expect(first.map((b) => b.t_start)).toEqual([1000, 1100]);
    const mid = stream.push(samples.slice(4), 1306);
    expect(mid.map((b) => b.t_start)).toEqual([1200]);
    const rest = [...mid, ...stream.finish(1310)];
    expect(rest.map((b) => [b.t_start, b.t_end])).toEqual([
      [1200, 1300],
      [1300, 1310],
    ]);
    expect(stream.buckets).toEqual([...first, ...rest]);
    expect(stream.finish(1400)).toEqual([]);
    expect(stream.push([{ t: 1350, status: 200, latency: 1 }], 1400)).toEqual([]);
    expect(stream.buckets).toEqual(bucketize(samples, { from: 1000, to: 1310, bucketMs: 100 }));
  });

  it('decodes flat responses (latency from the schedule, from the send) and [t, code] errors', () => {
    expect(decodeBatch({ responses: [1, 200, 0.5, 0.5, 2, 503, 7, 3], errors: [[3, 'EPIPE']] })).toEqual([
      { t: 1, status: 200, latency: 0.5, service: 0.5 },
      { t: 2, status: 503, latency: 7, service: 3 },
      { t: 3, error: 'EPIPE' },
    ]);
  });

  it("decodes the open model's dropped arrivals at their scheduled times", () => {
    expect(decodeBatch({ responses: [], errors: [], dropped: [6] })).toEqual([{ t: 6, dropped: true }]);
  });

  it("counts the open model's offered arrivals per bucket from arrivedBefore, the last bucket taking all", () => {
    // Arrivals every 30 ms from 1000: 1000, 1030, …; 7 arrived by the end.
    let arrived = 0;
    const before = (t: number) => Math.min(arrived, Math.max(0, Math.ceil((t - 1000) / 30)));
    const stream = createBucketStream(1000, 100, true, before);
    arrived = 4; // 1000 1030 1060 1090
    expect(stream.push([], 1095)).toEqual([]);
    arrived = 6; // 1120 1150
    expect(stream.push([{ t: 1150, dropped: true }], 1160).map((b) => [b.offered, b.dropped])).toEqual([
      [4, 0],
    ]);
    arrived = 7; // 1180
    const rest = stream.finish(1185);
    expect(rest.map((b) => [b.t_start, b.t_end, b.offered, b.dropped])).toEqual([[1100, 1185, 3, 1]]);
  });
});
