import { describe, expect, it } from 'vitest';
import { ABSOLUTE_SLACK, type Comparison, compareResults, floorOf } from '../../../src/metrics/compare.js';
import type { Results } from '../../../src/types.js';
import { fixture } from '../../helpers/results.js';

/** The crash-recovery run with some figures of one variant replaced. */
function withMetrics(
  variant: string,
  metrics: Record<string, number | null | undefined>,
  floor?: number[] | null,
) {
  const results = fixture('crash-recovery');
  const target = results.variants.find((v) => v.name === variant);
  if (!target) throw new Error(variant);
  for (const [name, value] of Object.entries(metrics)) {
    const figures = target.metrics as Record<string, number | null>;
    if (value === undefined) delete figures[name];
    else figures[name] = value;
  }
  if (floor !== undefined) results.floor = floor === null ? null : { boot_to_listening_ms: floor };
  return results;
}

function row(rows: Comparison[], variant: string, metric: string): Comparison {
  const found = rows.find((r) => r.variant === variant && r.metric === metric);
  if (!found) throw new Error(`no row ${variant}.${metric}`);
  return found;
}

const tolerance = 0.2;
const noFloor = null;

describe('compareResults', () => {
  it('finds nothing when a run is compared with itself', () => {
    const rows = compareResults(fixture('crash-recovery'), fixture('crash-recovery'), { tolerance });
    expect(rows.filter((r) => r.regression)).toEqual([]);
    expect(rows.length).toBeGreaterThan(40);
  });

  it.each([
    // [case, baseline metrics, current metrics, floors (base, current), metric, regression, ratio_based, change]
    [
      'lower-better grew past tolerance',
      { downtime_ms: 400 },
      { downtime_ms: 500 },
      [noFloor, noFloor],
      'downtime_ms',
      true,
      false,
      0.25,
    ],
    [
      'lower-better grew within tolerance',
      { downtime_ms: 400 },
      { downtime_ms: 470 },
      [noFloor, noFloor],
      'downtime_ms',
      false,
      false,
      0.175,
    ],
    [
      'lower-better improved a lot',
      { downtime_ms: 400 },
      { downtime_ms: 40 },
      [noFloor, noFloor],
      'downtime_ms',
      false,
      false,
      -0.9,
    ],
    [
      'higher-better fell past tolerance',
      { throughput_rps: 8000 },
      { throughput_rps: 6000 },
      [noFloor, noFloor],
      'throughput_rps',
      true,
      false,
      -0.25,
    ],
    [
      'higher-better rose',
      { throughput_rps: 8000 },
      { throughput_rps: 12000 },
      [noFloor, noFloor],
      'throughput_rps',
      false,
      false,
      0.5,
    ],
    [
      'a recovery that became null',
      { downtime_ms: 400 },
      { downtime_ms: null },
      [noFloor, noFloor],
      'downtime_ms',
      true,
      false,
      null,
    ],
    [
      'null in both runs',
      { reload_ms: null },
      { reload_ms: null },
      [noFloor, noFloor],
      'reload_ms',
      false,
      false,
      null,
    ],
    [
      'null that became a number',
      { reload_ms: null },
      { reload_ms: 300 },
      [noFloor, noFloor],
      'reload_ms',
      false,
      false,
      null,
    ],
    [
      'a metric missing in the current run',
      { restart_ms: 80 },
      { restart_ms: undefined },
      [noFloor, noFloor],
      'restart_ms',
      true,
      false,
      null,
    ],
    [
      'a metric missing in both runs',
      { restart_ms: undefined },
      { restart_ms: undefined },
      [noFloor, noFloor],
      'restart_ms',
      false,
      false,
      null,
    ],
    [
      'count from 0 within the slack',
      { failed_requests: 0 },
      { failed_requests: 2 },
      [noFloor, noFloor],
      'failed_requests',
      false,
      false,
      null,
    ],
    [
      'count from 0 beyond the slack',
      { failed_requests: 0 },
      { failed_requests: 3 },
      [noFloor, noFloor],
      'failed_requests',
      true,
      false,
      null,
    ],
    [
      'small count within the slack',
      { failed_requests: 1 },
      { failed_requests: 3 },
      [noFloor, noFloor],
      'failed_requests',
      false,
      false,
      2,
    ],
    [
      '0 ms downtime to 8 ms (under the ms slack)',
      { downtime_ms: 0 },
      { downtime_ms: 8 },
      [noFloor, noFloor],
      'downtime_ms',
      false,
      false,
      null,
    ],
    [
      'timing doubled but so did the floor: ratio unchanged',
      { restart_ms: 100 },
      { restart_ms: 200 },
      [[50], [100]],
      'restart_ms',
      false,
      true,
      0,
    ],
    [
      'timing same but floor halved: ratio doubled',
      { restart_ms: 100 },
      { restart_ms: 100 },
      [[100], [50]],
      'restart_ms',
      true,
      true,
      1,
    ],
    [
      'floor only in one run: absolute',
      { restart_ms: 100 },
      { restart_ms: 200 },
      [[50], noFloor],
      'restart_ms',
      true,
      false,
      1,
    ],
    [
      'non-timing metric ignores the floor',
      { failed_requests: 10 },
      { failed_requests: 20 },
      [[50], [100]],
      'failed_requests',
      true,
      false,
      1,
    ],
  ] as const)('%s', (_case, base, now, floors, metric, regression, ratioBased, change) => {
    const baseline = withMetrics('cluster', base, floors[0] === null ? null : [...floors[0]]);
    const current = withMetrics('cluster', now, floors[1] === null ? null : [...floors[1]]);
    const found = row(compareResults(baseline, current, { tolerance }), 'cluster', metric);
    expect(found.regression).toBe(regression);
    expect(found.ratio_based).toBe(ratioBased);
    if (change === null) expect(found.change).toBeNull();
    else expect(found.change).toBeCloseTo(change, 6);
    expect(found.note.length).toBeGreaterThan(0);
  });

  it('reports a variant gone from the current run as a regression, and a new one as a note', () => {
    const baseline = fixture('crash-recovery');
    const current: Results = { ...fixture('crash-recovery'), variants: fixture('reload').variants };
    const rows = compareResults(baseline, current, { tolerance });
    expect(row(rows, 'single', '*')).toMatchObject({
      regression: true,
      note: expect.stringContaining('missing'),
    });
    expect(row(rows, 'http-app', '*')).toMatchObject({
      regression: false,
      note: expect.stringContaining('new'),
    });
  });

  it('finds the regressions of the regressed fixture and only those', () => {
    const rows = compareResults(fixture('crash-recovery'), fixture('crash-recovery-regressed'), {
      tolerance,
    });
    const found = rows.filter((r) => r.regression).map((r) => `${r.variant}.${r.metric}`);
    expect(found).toContain('single.downtime_ms');
    expect(found).toContain('single.restart_ms');
    expect(found).toContain('cluster.failed_requests');
    expect(found).not.toContain('cluster.downtime_ms');
    expect(row(rows, 'single', 'restart_ms').ratio_based).toBe(true);
  });

  it('uses a larger tolerance to let the same change through', () => {
    const baseline = withMetrics('cluster', { downtime_ms: 400 }, null);
    const current = withMetrics('cluster', { downtime_ms: 500 }, null);
    expect(
      row(compareResults(baseline, current, { tolerance: 0.3 }), 'cluster', 'downtime_ms').regression,
    ).toBe(false);
  });
});

describe('floorOf', () => {
  it.each([
    [[61, 62, 70], 62],
    [[60, 64], 62],
    [[0, -1, 50], 50],
    [[], null],
  ])('median of %j is %s', (samples, expected) => {
    expect(floorOf({ floor: { boot_to_listening_ms: samples } })).toBe(expected);
  });

  it('is null without a floor', () => {
    expect(floorOf({ floor: null })).toBeNull();
  });

  it('has a slack for every unit', () => {
    expect(Object.values(ABSOLUTE_SLACK).every((v) => v > 0)).toBe(true);
  });
});
