import { describe, expect, it } from 'vitest';
import { arrivalsBefore, arrivalsBy, arrivalTime, rateAt, segments } from '../../../src/load/schedule.cjs';

/** Every arrival time of a schedule, in ms from the start. */
function times(segs: ReturnType<typeof segments>): number[] {
  const out: number[] = [];
  for (let n = 0; ; n++) {
    const t = arrivalTime(segs, n);
    if (t === null) return out;
    out.push(t);
  }
}

describe('the open model schedule (k6 ramping-arrival-rate)', () => {
  it('a constant rate: arrivals evenly spaced from 0, rate × duration of them', () => {
    const segs = segments(100, [], 1000);
    const all = times(segs);
    expect(all).toHaveLength(100);
    expect(all[0]).toBe(0);
    expect(all[1]).toBeCloseTo(10, 9);
    expect(all[99]).toBeCloseTo(990, 9);
    expect(rateAt(segs, 500)).toBe(100);
    expect(rateAt(segs, 1000)).toBe(0);
  });

  it('a linear ramp: the arrivals are the integral of the rate, denser towards the top', () => {
    const segs = segments(0, [{ duration_ms: 2000, target: 100 }], 2000);
    expect(arrivalsBy(segs, 2000)).toBeCloseTo(100, 9);
    expect(arrivalsBy(segs, 1000)).toBeCloseTo(25, 9);
    const all = times(segs);
    expect(all).toHaveLength(100);
    // The 25th arrival is due at 1 s: N(t) = 25 (t/1s)².
    expect(all[25]).toBeCloseTo(1000, 6);
    const first = all.filter((t) => t < 1000).length;
    expect(first).toBe(25);
    expect(rateAt(segs, 1500)).toBeCloseTo(75, 9);
  });

  it('stages ramp from the start rate; after the last stage its target holds; a short load cuts them', () => {
    const stages = [
      { duration_ms: 1000, target: 200 },
      { duration_ms: 1000, target: 200 },
    ];
    const held = segments(100, stages, 3000);
    expect(held.map((s) => [s.from, s.to])).toEqual([
      [100, 200],
      [200, 200],
      [200, 200],
    ]);
    expect(arrivalsBy(held, 3000)).toBeCloseTo(150 + 200 + 200, 9);
    const cut = segments(100, stages, 500);
    expect(cut).toHaveLength(1);
    expect(cut[0]?.to).toBeCloseTo(150, 9);
    expect(times(cut)).toHaveLength(63); // ceil(∫ 100→150 over 0.5 s = 62.5)
  });

  it('a ramp down to 0 ends with no arrival after the rate reached 0', () => {
    const segs = segments(100, [{ duration_ms: 1000, target: 0 }], 2000);
    const all = times(segs);
    expect(all).toHaveLength(50);
    expect(Math.max(...all)).toBeLessThan(1000);
    // Arrival times only grow.
    expect(all.every((t, i) => i === 0 || t > (all[i - 1] as number))).toBe(true);
  });

  it('arrivalsBefore counts exactly the arrivals whose epoch time is before t (what the worker sent)', () => {
    const t0 = 1_764_640_000_123.456; // an epoch start with a fraction, as the worker's clock gives
    const segs = segments(
      333,
      [
        { duration_ms: 700, target: 2000 },
        { duration_ms: 300, target: 50 },
      ],
      1500,
    );
    const epoch = times(segs).map((t) => t0 + t);
    // At every arrival (exactly, and a hair either side), at bucket edges and past the end.
    const probes = [t0 - 5, t0, t0 + 1500, t0 + 1e6, Number.POSITIVE_INFINITY];
    for (const t of epoch) probes.push(t, t + 1e-6, t - 1e-6);
    for (let b = 0; b <= 15; b++) probes.push(t0 + b * 100);
    for (const t of probes) {
      expect(arrivalsBefore(segs, t0, t)).toBe(epoch.filter((a) => a < t).length);
    }
  });
});
