import { describe, expect, it } from 'vitest';
import { formatCell, variantLabel } from '../../../src/report/format.js';
import { headline } from '../../../src/report/headline.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { variantTable } from '../../../src/report/table.js';
import { type FixtureName, fixture } from '../../helpers/results.js';

function tableLines(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim()),
    );
}

describe('renderMarkdown', () => {
  it.each<FixtureName>(['crash-recovery', 'reload', 'crash-loop', 'partial', 'recorded-crash-recovery'])(
    '%s: the table matches the metrics, cell for cell',
    (name) => {
      const results = fixture(name);
      const [header, rule, ...rows] = tableLines(renderMarkdown(results));
      expect(header).toEqual(['metric', ...results.variants.map(variantLabel)]);
      expect(rule?.every((c) => /^-+:?$/.test(c))).toBe(true);
      const table = variantTable(results);
      expect(rows).toHaveLength(table.rows.length);
      table.rows.forEach((row, i) => {
        expect(rows[i]?.[0]).toBe(row.label);
        results.variants.forEach((v, j) => {
          expect(rows[i]?.[j + 1]).toBe(formatCell(v, row.metric));
        });
      });
    },
  );

  it('shows measured figures with units and a null as "never (no recovery)"', () => {
    const rows = tableLines(renderMarkdown(fixture('crash-recovery')));
    expect(rows.find((r) => r[0]?.startsWith('downtime'))).toEqual([
      'downtime (longest gap with no successful probe)',
      '412 ms',
      '0 ms',
    ]);
    const loop = tableLines(renderMarkdown(fixture('crash-loop')));
    expect(loop.find((r) => r[0]?.startsWith('downtime'))?.[1]).toBe('never (no recovery)');
  });

  it('leads with the headline and lists each threshold verdict', () => {
    const results = fixture('crash-loop');
    const markdown = renderMarkdown(results);
    expect(markdown).toContain(`**${headline(results)}**`);
    expect(markdown).toContain('### Thresholds: 1 of 2 thresholds failed');
    expect(markdown).toContain('- ❌ FAIL single.downtime_ms < 2000: not measured (no_recovery');
    expect(markdown).toContain('- ✅ PASS single.restarts <= 10: 10 passes');
  });

  it('warns about a partial run and lists flags', () => {
    const markdown = renderMarkdown(fixture('partial'));
    expect(markdown).toContain('PARTIAL RUN');
    expect(markdown).toContain('[loadgen_saturated]');
    expect(renderMarkdown(fixture('crash-recovery'))).not.toContain('PARTIAL RUN');
  });

  it('escapes pipes in cells', () => {
    const results = fixture('crash-recovery');
    const first = results.variants[0];
    if (!first) throw new Error('fixture');
    first.name = 'a|b';
    const [header] = tableLines(renderMarkdown(results));
    expect(header).toHaveLength(3);
  });
});
