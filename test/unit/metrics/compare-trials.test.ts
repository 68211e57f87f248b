// compareTrials: the tolerance gate on one trial a side is exactly compareResults; on several, each
// figure is the median over the trials. The statistical gate never fails on an informational figure.
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/metrics/compare.js';
import { compareTrials, medianTrial } from '../../../src/metrics/compare-trials.js';
import { computeResults } from '../../../src/metrics/results.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { event, faultRecord, runRecord, variantRecord } from '../../helpers/records.js';
import { fixture } from '../../helpers/results.js';

describe('compareTrials', () => {
  it('the tolerance gate on one trial a side is compareResults', () => {
    const base = fixture('crash-recovery');
    const now = fixture('crash-recovery-regressed');
    expect(compareTrials([base], [now], { gate: 'tolerance', tolerance: 0.2 })).toEqual(
      compareResults(base, now, { tolerance: 0.2 }),
    );
  });

  it('medianTrial takes each figure’s median over the trials and pools the floors', () => {
    const a = fixture('crash-recovery');
    const b = fixture('crash-recovery');
    const c = fixture('crash-recovery');
    for (const [r, rps] of [
      [a, 100],
      [b, 300],
      [c, 200],
    ] as const) {
      const v = r.variants[0];
      if (v) v.metrics.throughput_rps = rps;
    }
    const m = medianTrial([a, b, c]);
    expect(m.variants[0]?.metrics.throughput_rps).toBe(200);
    expect(m.floor?.boot_to_listening_ms).toHaveLength(3 * (a.floor?.boot_to_listening_ms.length ?? 0));
  });

  it('with one run a side, per-run figures are "not enough data", never a regression', () => {
    const rows = compareTrials([fixture('crash-recovery')], [fixture('crash-recovery-regressed')], {
      gate: 'stats',
      tolerance: 0.2,
    });
    const perRun = rows.filter(
      (r) => r.samples?.source === 'run' && (r.baseline !== null || r.current !== null),
    );
    expect(perRun.length).toBeGreaterThan(0);
    for (const r of perRun)
      expect(r).toMatchObject({ verdict: 'not enough data', regression: false, effect: null });
  });
});

/** A run of 20 kills whose restarts take RESTARTS (+ extra) ms, with a given floor. */
function kills(extra: number, floor: number[]) {
  const restarts = [
    131, 135, 138, 140, 142, 143, 145, 146, 148, 150, 151, 153, 155, 158, 160, 163, 170, 178, 190, 240,
  ];
  const events: SupervisorEvent[] = [];
  const faults = restarts.map((ms, i) => {
    const t = 1000 + i * 400;
    events.push(
      event('exit', t + 2, { pid: 2000 + i }),
      event('listening', t + 2 + ms + extra, { pid: 2001 + i }),
    );
    return faultRecord(t, { kind: 'kill', signal: 'SIGKILL', instance: 0 });
  });
  return {
    ...computeResults(
      runRecord([variantRecord({ events, faults })], { floor: { boot_to_listening_ms: floor } }),
    ),
    thresholds: [],
  };
}

describe('compareTrials: trials, milliseconds and one family', () => {
  const row = (rows: ReturnType<typeof compareTrials>, metric: string) =>
    rows.find((r) => r.metric === metric);
  const stats = { gate: 'stats', tolerance: 0.2 } as const;

  it('a floor that halved alone (the same restarts in ms) is no change: timings are judged in ms', () => {
    const rows = compareTrials(
      [kills(0, [60, 62, 64]), kills(2, [61, 62, 63])],
      [kills(1, [30, 31, 32]), kills(3, [29, 31, 33])],
      stats,
    );
    expect(row(rows, 'restart_ms')).toMatchObject({ verdict: 'no change', ratio_based: false });
  });

  it('restarts 40 ms slower in every trial: regression, its percentile rows share the one test', () => {
    const rows = compareTrials(
      [kills(0, [60]), kills(2, [60]), kills(1, [60])],
      [kills(40, [60]), kills(42, [60]), kills(41, [60])],
      stats,
    );
    const restart = row(rows, 'restart_ms');
    expect(restart).toMatchObject({
      verdict: 'regression',
      regression: true,
      trials: { baseline: 3, current: 3 },
    });
    expect(restart?.p_holm).toBeGreaterThanOrEqual(restart?.p_value ?? 1);
    expect(restart?.note).toMatch(
      /^ratio 1\.2\d \[1\.\d\d, 1\.\d\d\] \(95 %\), p [<=] [\d.]+ \(Holm [<=] [\d.]+ over \d+\), 3 vs 3 trials/,
    );
    for (const m of ['restart_p50_ms', 'restart_p50_over_floor'])
      expect(row(rows, m)).toMatchObject({
        verdict: 'regression',
        p_value: restart?.p_value,
        p_holm: restart?.p_holm,
      });
  });

  it('Holm over the sets judged: the same evidence among more varying sets needs a smaller p', () => {
    const base = [kills(0, [60]), kills(2, [60]), kills(1, [60])];
    const now = [kills(40, [60]), kills(42, [60]), kills(41, [60])];
    const rows = compareTrials(base, now, stats);
    const family = Number(/over (\d+)\)/.exec(row(rows, 'restart_ms')?.note ?? '')?.[1]);
    // detect_ms, downtime, TTFS, restart_ms, overhead … vary; constant sets (0 failures) are no test.
    expect(family).toBeGreaterThan(1);
    expect(row(rows, 'failed_requests')?.p_holm ?? null).toBeNull();
    expect(row(rows, 'restart_ms')?.p_holm).toBeCloseTo(
      Math.min(1, (row(rows, 'restart_ms')?.p_value ?? 1) * family),
      1,
    );
  });

  it('one run a side: every figure is not enough data, never a regression', () => {
    const rows = compareTrials([kills(0, [60])], [kills(400, [60])], stats);
    expect(row(rows, 'restart_ms')).toMatchObject({ verdict: 'not enough data', regression: false });
    expect(rows.some((r) => r.regression)).toBe(false);
  });
});
