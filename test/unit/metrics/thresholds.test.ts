import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/errors.js';
import { evaluateThresholds, parseExpectFlag } from '../../../src/metrics/thresholds.js';
import type { Threshold } from '../../../src/types.js';
import { fixture } from '../../helpers/results.js';

const t = (variant: string, metric: string, op: Threshold['op'], value: number): Threshold => ({
  variant,
  metric,
  op,
  value,
});

describe('evaluateThresholds', () => {
  const crash = fixture('crash-recovery');
  const loop = fixture('crash-loop');

  it.each([
    // [name, results, threshold, pass, actual, message fragment]
    ['a passing ceiling', crash, t('cluster', 'downtime_ms', '<', 500), true, 0, '0 ms passes'],
    ['a failing ceiling', crash, t('single', 'downtime_ms', '<', 300), false, 412, '412 ms fails'],
    ['<= on the boundary', crash, t('cluster', 'failed_requests', '<=', 10), true, 10, 'passes'],
    ['< on the boundary', crash, t('cluster', 'failed_requests', '<', 10), false, 10, 'fails'],
    ['>= floor on throughput', crash, t('single', 'throughput_rps', '>=', 9000), false, 8403, 'fails'],
    ['== zero', crash, t('cluster', 'refused_connects', '==', 0), true, 0, 'passes'],
    ['!= zero', crash, t('cluster', 'refused_connects', '!=', 0), false, 0, 'fails'],
    ['null (no recovery) fails', loop, t('single', 'downtime_ms', '<', 1e9), false, null, 'no_recovery'],
    ['a metric never measured', crash, t('single', 'reload_ms', '<', 1e9), false, null, 'not measured'],
    ['an unknown metric', crash, t('single', 'no_such_metric', '<', 1), false, null, 'is not in the results'],
    [
      'a missing variant',
      crash,
      t('triple', 'downtime_ms', '<', 1),
      false,
      null,
      'variant "triple" is not in',
    ],
  ] as const)('%s', (_name, results, threshold, pass, actual, fragment) => {
    const [verdict, ...rest] = evaluateThresholds(results, [threshold]);
    expect(rest).toHaveLength(0);
    expect(verdict?.pass).toBe(pass);
    expect(verdict?.actual).toBe(actual);
    expect(verdict?.message).toContain(fragment);
    expect(verdict?.threshold).toEqual(threshold);
  });

  it("expands '*' to every variant, in run order, each judged alone", () => {
    const verdicts = evaluateThresholds(crash, [t('*', 'downtime_ms', '<', 100)]);
    expect(verdicts.map((v) => [v.variant, v.pass])).toEqual([
      ['single', false],
      ['cluster', true],
    ]);
  });

  it("fails '*' when there is no variant at all", () => {
    const verdicts = evaluateThresholds({ variants: [] }, [t('*', 'downtime_ms', '<', 100)]);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]?.pass).toBe(false);
  });

  it('agrees with the verdicts stored in every fixture', () => {
    for (const name of [
      'crash-recovery',
      'reload',
      'crash-loop',
      'partial',
      'recorded-crash-recovery',
    ] as const) {
      const results = fixture(name);
      expect(evaluateThresholds(results, results.scenario.expect)).toEqual(results.thresholds);
    }
  });
});

describe('parseExpectFlag', () => {
  it.each([
    ['cluster.downtime_ms<500', t('cluster', 'downtime_ms', '<', 500)],
    ['*.failed_requests<=5', t('*', 'failed_requests', '<=', 5)],
    [' single.throughput_rps >= 1200.5 ', t('single', 'throughput_rps', '>=', 1200.5)],
    ['v1.2.restarts==0', t('v1.2', 'restarts', '==', 0)],
    ['x.probe_availability!=0', t('x', 'probe_availability', '!=', 0)],
    ['x.cpu_pct>-1', t('x', 'cpu_pct', '>', -1)],
  ])('parses %s', (text, expected) => {
    expect(parseExpectFlag(text)).toEqual(expected);
  });

  it.each([
    'downtime_ms<500',
    'cluster.downtime_ms=<500',
    'cluster.downtime_ms<fast',
    'cluster.downtime_ms<500ms',
    '',
  ])('rejects %j with a usage error naming the text', (text) => {
    const error = catchError(() => parseExpectFlag(text));
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('RESILAB_E_USAGE');
    expect((error as LabError).message).toContain(JSON.stringify(text));
  });

  it('rejects an unknown metric, naming it', () => {
    const error = catchError(() => parseExpectFlag('cluster.downtime<5')) as LabError;
    expect(error.code).toBe('RESILAB_E_USAGE');
    expect(error.message).toContain('unknown metric "downtime"');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
