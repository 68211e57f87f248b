// summary.md: the headline, the variant table and the threshold verdicts, sized for a PR comment
// or $GITHUB_STEP_SUMMARY.
import type { Results } from '../types.js';
import { escapeMarkdownCell as cell } from './escape.js';
import { headline, thresholdVerdict } from './headline.js';
import { environmentLine, notes, partialBanner } from './notes.js';
import { variantTable } from './table.js';

/** The Markdown summary of a run. */
export function renderMarkdown(results: Results): string {
  const out: string[] = [`## resilab: ${results.scenario.name}`, ''];
  const banner = partialBanner(results);
  if (banner) out.push(`> [!WARNING]`, `> **${banner}**`, '');
  out.push(`**${headline(results)}**`, '');
  if (results.scenario.description) out.push(results.scenario.description, '');
  const table = variantTable(results);
  out.push(`| metric | ${table.headers.map(cell).join(' | ')} |`);
  out.push(`| --- | ${table.headers.map(() => '---:').join(' | ')} |`);
  for (const row of table.rows) out.push(`| ${cell(row.label)} | ${row.cells.map(cell).join(' | ')} |`);
  out.push('', `### Thresholds: ${thresholdVerdict(results)}`, '');
  for (const t of results.thresholds) out.push(`- ${t.pass ? '✅ PASS' : '❌ FAIL'} ${t.message}`);
  if (results.thresholds.length === 0) out.push('No thresholds were set.');
  const lines = notes(results);
  if (lines.length > 0) {
    out.push('', '### Warnings and flags', '');
    for (const line of lines) out.push(`- ${line}`);
  }
  out.push('', `<sub>${environmentLine(results)}. (!) = read with care, see the flags.</sub>`, '');
  return out.join('\n');
}
