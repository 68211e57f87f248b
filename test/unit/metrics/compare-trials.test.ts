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

describe('compareTrials: a timing must change as a floor ratio AND in milliseconds', () => {
  const restart = (rows: ReturnType<typeof compareTrials>) => rows.find((r) => r.metric === 'restart_ms');

  it('a floor that halved alone (the same restarts in ms) is no change', () => {
    const row = restart(
      compareTrials([kills(0, [60, 62, 64])], [kills(0, [30, 31, 32])], { gate: 'stats', tolerance: 0.2 }),
    );
    expect(row?.verdict).toBe('no change');
    expect(row?.effect?.estimate).toBeGreaterThan(1.9);
    expect(row?.note).toContain('in ms ×1.00 (no change)');
  });

  it('restarts 40 ms slower on the same floor: regression both ways', () => {
    const row = restart(
      compareTrials([kills(0, [60, 62, 64])], [kills(40, [60, 62, 64])], { gate: 'stats', tolerance: 0.2 }),
    );
    expect(row).toMatchObject({ verdict: 'regression', regression: true });
  });

  it('per-window and per-probe samples of one run a side are not enough data', () => {
    const rows = compareTrials([kills(0, [60])], [kills(0, [60])], { gate: 'stats', tolerance: 0.2 });
    expect(rows.find((r) => r.metric === 'probe_latency_p50_ms')?.verdict).toBe('not enough data');
  });
});
