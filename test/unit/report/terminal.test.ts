import { describe, expect, it } from 'vitest';
import { headline } from '../../../src/report/headline.js';
import { variantTable } from '../../../src/report/table.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { fixture } from '../../helpers/results.js';

describe('renderTerminal', () => {
  it('shows the headline, one line per table row, the verdicts and the report path, without colour', () => {
    const results = fixture('crash-loop');
    const text = renderTerminal(results, { color: false, reportPath: '/tmp/r/report.html' });
    expect(text).not.toContain('\x1b[');
    expect(text).toContain(headline(results));
    const lines = text.split('\n');
    for (const row of variantTable(results).rows) {
      expect(
        lines.some((l) => l.startsWith(`  ${row.label}  `) && l.trimEnd().endsWith(row.cells[0] ?? '?')),
      ).toBe(true);
    }
    expect(text).toContain('Thresholds: 1 of 2 thresholds failed');
    expect(text).toContain('  FAIL single.downtime_ms < 2000');
    expect(text).toContain('  PASS single.restarts <= 10');
    expect(text.trimEnd().endsWith('Report: /tmp/r/report.html')).toBe(true);
  });

  it('aligns the variant columns', () => {
    const text = renderTerminal(fixture('crash-recovery'), { color: false });
    const lines = text.split('\n').filter((l) => l.startsWith('  ') && !l.includes('PASS'));
    const header = lines[0] ?? '';
    const rows = lines.slice(1, 6);
    for (const row of rows) expect(row.length).toBe(header.length);
  });

  it('colours verdicts when asked', () => {
    const text = renderTerminal(fixture('crash-loop'), { color: true });
    expect(text).toContain('\x1b[31mFAIL\x1b[0m');
    expect(text).toContain('\x1b[32mPASS\x1b[0m');
  });

  it('starts with the partial banner for an interrupted run', () => {
    expect(renderTerminal(fixture('partial'), { color: false }).startsWith('PARTIAL RUN')).toBe(true);
  });
});
