import { describe, expect, it } from 'vitest';
import { watchLoad } from '../../../src/runner/load-watch.js';
import { Recorder } from '../../../src/runner/recorder.js';
import type { LoadBucket } from '../../../src/types.js';

const bucket = (t: number, ok: number, resets = 0): LoadBucket => ({
  t_start: t,
  t_end: t + 100,
  ok_2xx: ok,
  non_2xx: 0,
  resets,
  refused: 50,
  timeouts: 0,
  other_errors: 0,
  latency: null,
});

describe('watchLoad', () => {
  it('reports 2xx/s over the last second and failed requests so far, refused connects apart', () => {
    const recorder = new Recorder(100);
    const seen: { rps: number; errors: number }[] = [];
    const starts: number[] = [];
    const watch = watchLoad(
      recorder,
      (s) => seen.push(s),
      (t) => starts.push(t),
    );
    for (let i = 0; i < 20; i++) watch.bucket(bucket(i * 100, i < 10 ? 100 : 50, i === 15 ? 3 : 0));
    expect(recorder.buckets).toHaveLength(20);
    expect(starts).toEqual([0]); // the first bucket's start, once
    expect(seen[9]?.rps).toBeCloseTo(1000);
    expect(seen[19]?.rps).toBeCloseTo(500);
    expect(seen[19]?.errors).toBe(3);
    watch.stop();
    watch.bucket(bucket(2000, 1));
    expect(recorder.buckets).toHaveLength(21);
    expect(seen).toHaveLength(20);
  });
});
