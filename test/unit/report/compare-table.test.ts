import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/metrics/compare.js';
import { renderComparison } from '../../../src/report/compare-table.js';
import { fixture } from '../../helpers/results.js';

describe('renderComparison', () => {
  const rows = compareResults(fixture('crash-recovery'), fixture('crash-recovery-regressed'), {
    tolerance: 0.2,
  });

  it('has one table per variant and one line per regression', () => {
    const text = renderComparison(rows, { color: false, tolerance: 0.2 });
    expect(text).toMatch(/^single\n {2}metric/m);
    expect(text).toMatch(/^cluster\n {2}metric/m);
    const regressions = rows.filter((r) => r.regression);
    expect(text).toContain(`${regressions.length} regressions:`);
    for (const r of regressions) expect(text).toContain(`  ${r.variant}.${r.metric}: ${r.note}`);
    expect(text).not.toContain('\x1b[');
  });

  it('leaves out metrics measured in neither run and says how many', () => {
    const text = renderComparison(rows, { color: false, tolerance: 0.2 });
    expect(text).not.toMatch(/^\s+reload_ms/m);
    const neither = rows.filter((r) => r.baseline === null && r.current === null && r.metric !== '*').length;
    expect(neither).toBeGreaterThan(0);
    expect(text).toContain(`(${neither} metrics measured in neither run are not shown)`);
  });

  it('says "No regression." when there is none', () => {
    const same = compareResults(fixture('reload'), fixture('reload'), { tolerance: 0.2 });
    expect(renderComparison(same, { color: false, tolerance: 0.2 })).toContain('No regression.');
  });
});
