import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../../src/metrics/compare.js';
import {
  type CiEntry,
  ciExitCode,
  compareSuite,
  renderCiMarkdown,
  runErrorSuite,
} from '../../../../src/suites/ci/summary.js';
import { fixture } from '../../../helpers/results.js';

function entry(over: Partial<CiEntry>): CiEntry {
  const results = over.results === undefined ? fixture('crash-recovery') : over.results;
  return {
    scenario: 's',
    file: '/s.yaml',
    results,
    trials: results ? [results] : [],
    dir: '/r',
    error: null,
    comparison: null,
    ...over,
  };
}

const regressed = compareResults(fixture('crash-recovery'), fixture('crash-recovery-regressed'), {
  tolerance: 0.2,
});
const same = compareResults(fixture('crash-recovery'), fixture('crash-recovery'), { tolerance: 0.2 });

describe('ciExitCode', () => {
  it.each([
    ['every threshold passed, no baseline', [entry({})], 0],
    ['no regression against the baseline', [entry({ comparison: same })], 0],
    ['a threshold failed', [entry({ results: fixture('crash-loop') })], 1],
    ['a regression', [entry({ comparison: regressed })], 1],
    ['a run could not be carried out', [entry({}), entry({ results: null, error: 'never ready' })], 3],
    [
      'a run error wins over a failure',
      [entry({ comparison: regressed }), entry({ results: null, error: 'x' })],
      3,
    ],
  ] as const)('%s → %i', (_case, entries, code) => {
    expect(ciExitCode([...entries])).toBe(code);
  });
});

describe('JUnit suites of a CI run', () => {
  it('has one comparison testcase per metric measured, failed where it regressed', () => {
    const suite = compareSuite(entry({ comparison: regressed }));
    const failed = suite?.cases.filter((c) => c.failure).map((c) => c.name);
    expect(failed).toEqual(
      regressed.filter((r) => r.regression).map((r) => `${r.variant}.${r.metric} vs baseline`),
    );
    expect(suite?.cases.length).toBe(
      regressed.filter((r) => r.baseline !== null || r.current !== null).length,
    );
  });

  it('has no comparison suite without a baseline, and an errored case for a run that failed', () => {
    expect(compareSuite(entry({}))).toBeNull();
    expect(runErrorSuite(entry({}))).toBeNull();
    expect(runErrorSuite(entry({ results: null, error: 'never ready' }))?.cases).toEqual([
      { classname: 'resilab.s', name: 'run', error: 'never ready' },
    ]);
  });
});

describe('renderCiMarkdown', () => {
  it('has one row per scenario and lists every regression', () => {
    const text = renderCiMarkdown([
      entry({ scenario: 'a', comparison: regressed }),
      entry({ scenario: 'b', results: null, error: 'port in use' }),
    ]);
    expect(text).toContain('## resilab ci: ⚠️ could not run (2 scenarios)');
    expect(text).toMatch(
      /^\| a \| cluster ×2 kept serving .* \| all 4 thresholds passed \| \d+ regression\(s\) \(\d+ regressions, \d+ no change\) \|$/m,
    );
    expect(text).toContain('| b | could not run: port in use | – | no baseline |');
    for (const r of regressed.filter((x) => x.regression))
      expect(text).toContain(`- a: ${r.variant}.${r.metric}: ${r.note}`);
  });
});
