// `resilab compare` output: one table per variant (metric, baseline, current, change or effect with
// its interval, verdict), then the regressions in one line each. Pure: returns the text; the CLI
// prints it.
import type { Comparison } from '../metrics/compare.js';
import { formatValue } from './format.js';
import { effectText, gateLine, measured } from './verdict.js';

/** The comparison as aligned text; rows not measured in either run are left out and counted. */
export function renderComparison(
  rows: Comparison[],
  options: { color: boolean; tolerance: number; minEffect?: number },
): string {
  const red = (t: string) => (options.color ? `\x1b[31m${t}\x1b[0m` : t);
  const green = (t: string) => (options.color ? `\x1b[32m${t}\x1b[0m` : t);
  const out: string[] = [];
  const variants = [...new Set(rows.map((r) => r.variant))];
  let hidden = 0;
  for (const variant of variants) {
    const shown = rows.filter((r) => r.variant === variant && measured(r));
    hidden += rows.filter((r) => r.variant === variant).length - shown.length;
    const table = shown.map((r) => [
      r.metric,
      show(r.metric, r.baseline),
      show(r.metric, r.current),
      effectText(r),
      r.regression ? 'REGRESSION' : r.verdict === 'regression' ? 'regression (not gated)' : r.verdict,
    ]);
    const header = ['metric', 'baseline', 'current', 'change', 'verdict'];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    out.push(`${variant}`, `  ${line(header)}`);
    for (const row of table) {
      const text = `  ${line(row)}`;
      out.push(row[4] === 'REGRESSION' ? red(text) : row[4] === 'improvement' ? green(text) : text);
    }
    out.push('');
  }
  const regressions = rows.filter((r) => r.regression);
  if (hidden > 0) out.push(`(${hidden} metrics measured in neither run are not shown)`);
  out.push(gateLine(rows, options));
  if (regressions.length === 0) out.push(green('No regression.'));
  else {
    out.push(red(`${regressions.length} regression${regressions.length > 1 ? 's' : ''}:`));
    for (const r of regressions) out.push(`  ${r.variant}.${r.metric}: ${r.note}`);
  }
  return `${out.join('\n')}\n`;
}

function show(metric: string, value: number | null): string {
  return value === null ? '–' : formatValue(metric, value);
}
