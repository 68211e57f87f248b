// compareTrials: the tolerance gate on one trial a side is exactly compareResults; on several, each
// figure is the median over the trials. The statistical gate never fails on an informational figure.
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/metrics/compare.js';
import { compareTrials, medianTrial } from '../../../src/metrics/compare-trials.js';
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
