// The end-of-run text in the terminal: headline, the variant table, the verdicts and where the
// HTML report is. Returns a string; the caller prints it.
import type { Results } from '../types.js';
import { headline, thresholdVerdict } from './headline.js';
import { notes, partialBanner } from './notes.js';
import { variantTable } from './table.js';

const ANSI = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', reset: '\x1b[0m' };

/** The terminal summary; `color` adds ANSI colours, `reportPath` names report.html. */
export function renderTerminal(results: Results, options: { color: boolean; reportPath?: string }): string {
  const paint = (code: keyof typeof ANSI, text: string) =>
    options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const out: string[] = [];
  const banner = partialBanner(results);
  if (banner) out.push(paint('yellow', banner), '');
  out.push(paint('bold', `${results.scenario.name}: ${headline(results)}`), '');
  const table = variantTable(results);
  const labelWidth = Math.max(6, ...table.rows.map((r) => r.label.length));
  const widths = table.headers.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r.cells[i] ?? '').length)),
  );
  const line = (first: string, cells: string[]) =>
    `  ${first.padEnd(labelWidth)}  ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}`.trimEnd();
  out.push(paint('bold', line('metric', table.headers)));
  for (const row of table.rows) out.push(line(row.label, row.cells));
  out.push('', `Thresholds: ${thresholdVerdict(results)}`);
  for (const t of results.thresholds) {
    out.push(`  ${t.pass ? paint('green', 'PASS') : paint('red', 'FAIL')} ${t.message}`);
  }
  const lines = notes(results);
  if (lines.length > 0) {
    out.push('', 'Warnings and flags:');
    for (const l of lines) out.push(`  ${paint('yellow', '!')} ${l}`);
  }
  if (options.reportPath) out.push('', `Report: ${options.reportPath}`);
  return `${out.join('\n')}\n`;
}
