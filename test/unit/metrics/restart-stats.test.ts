import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { event, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: { boot_to_listening_ms: [50, 60, 70] } };
const kill = { kind: 'crash', via: 'signal', signal: 'SIGKILL', instance: 0 } as const;

/** One SIGKILL at `ms`, seen `detect` ms later, its replacement listening `restart` ms after that (null: never). */
function crashAt(ms: number, detect: number, restart: number | null, pid: number): SupervisorEvent[] {
  const exit = event('exit', ms + detect, { pid, signal: 'SIGKILL', code: null, uptime_ms: 400 });
  const scheduled = event('restart-scheduled', ms + detect, { pid: null });
  if (restart === null) return [exit, scheduled];
  return [exit, scheduled, event('listening', ms + detect + restart, { pid: pid + 1 })];
}

/** A variant of crashes every 500 ms, with the given restart times. */
function crashes(restarts: (number | null)[], detect = (i: number) => 2 + (i % 3)) {
  const events = restarts.flatMap((r, i) => crashAt(1000 + i * 500, detect(i), r, 2000 + i * 2));
  const faults = restarts.map((_, i) => faultRecord(1000 + i * 500, kill));
  return computeVariant(variantRecord({ events, faults, loadMs: 12_000 }), floor);
}

describe('restart_p50_ms / restart_p95_ms / detect_p50_ms: percentiles over every fault', () => {
  it('takes p50 and p95 of the restart times by nearest rank', () => {
    // 20 restarts: 100..290 ms in steps of 10 (shuffled): the 10th and the 19th fastest
    const times = Array.from({ length: 20 }, (_, i) => 100 + ((i * 7) % 20) * 10);
    const v = crashes(times);
    expect(v.metrics.restart_p50_ms).toBe(190);
    expect(v.metrics.restart_p95_ms).toBe(280);
    // the floor's median is 60 ms: p50 is 3.17 bare boots
    expect(v.metrics.restart_p50_over_floor).toBeCloseTo(190 / 60, 6);
    // the worst single restart is still there, and the percentiles do not hide it
    expect(v.metrics.restart_ms).toBe(290);
    expect(v.metrics.restarts).toBe(20);
  });

  it('one slow restart in 20 moves the worst, not the p95; two do', () => {
    const one = crashes([...Array.from({ length: 19 }, () => 100), 900]);
    expect(one.metrics.restart_ms).toBe(900);
    expect(one.metrics).toMatchObject({ restart_p50_ms: 100, restart_p95_ms: 100 });
    const two = crashes([...Array.from({ length: 18 }, () => 100), 450, 450]);
    expect(two.metrics).toMatchObject({ restart_p50_ms: 100, restart_p95_ms: 450 });
  });

  it('detect_p50_ms is the median fault → exit', () => {
    const v = crashes([100, 100, 100, 100, 100], (i) => [3, 1, 9, 2, 4][i] ?? 0);
    expect(v.metrics.detect_p50_ms).toBe(3);
    expect(v.metrics.detect_ms).toBe(9);
  });

  it('an unfinished restart counts as the longest: null with no_recovery once a percentile falls on it', () => {
    const one = crashes([...Array.from({ length: 19 }, () => 100), null]);
    expect(one.metrics).toMatchObject({ restart_ms: null, restart_p50_ms: 100, restart_p95_ms: 100 });
    const v = crashes([...Array.from({ length: 18 }, () => 100), null, null]);
    expect(v.metrics.restart_p50_ms).toBe(100);
    expect(v.metrics.restart_p95_ms).toBeNull();
    expect(v.flags).toContainEqual(
      expect.objectContaining({
        metric: 'restart_p95_ms',
        code: 'no_recovery',
        message: '2 of 20 faults had no restart before the end, and p95 falls on one',
      }),
    );
    expect(v.flags.some((f) => f.metric === 'restart_p50_ms')).toBe(false);
  });

  it('faults that ended no process are not samples; no sample at all → null, unflagged', () => {
    const v = computeVariant(
      variantRecord({
        events: [...crashAt(1000, 2, 120, 2000), event('reload-begin', 3000), event('reload-end', 3500)],
        faults: [faultRecord(1000, kill), faultRecord(3000, { kind: 'reload' })],
      }),
      floor,
    );
    expect(v.metrics.restart_p50_ms).toBe(120);
    expect(v.metrics.restart_p95_ms).toBe(120);
    const quiet = computeVariant(variantRecord(), floor);
    expect(quiet.metrics).toMatchObject({
      restart_p50_ms: null,
      restart_p95_ms: null,
      detect_p50_ms: null,
      restart_p50_over_floor: null,
    });
    // no floor (a run without one): no ratio
    const noFloor = computeVariant(
      variantRecord({ events: crashAt(1000, 2, 120, 2000), faults: [faultRecord(1000, kill)] }),
      { floor: null },
    );
    expect(noFloor.metrics).toMatchObject({ restart_p50_ms: 120, restart_p50_over_floor: null });
    expect(quiet.flags.filter((f) => f.metric.startsWith('restart_p'))).toEqual([]);
  });
});
