// The one place reports touch the disk: render everything first (pure), then write each file
// atomically, and append the summary to $GITHUB_STEP_SUMMARY when running in GitHub Actions.
import { appendFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Results } from '../types.js';
import { writeAtomic } from './atomic.js';
import { renderCharts } from './png.js';
import { DEFAULT_REPORTERS, REPORTERS } from './reporters.js';

/** Writes results.json, report.html, summary.md and charts/*.png into dir; returns the paths written. */
export async function writeReports(results: Results, dir: string): Promise<{ dir: string; files: string[] }> {
  const target = resolve(dir);
  const rendered = DEFAULT_REPORTERS.map((name) => {
    const reporter = REPORTERS[name]();
    return { path: join(target, reporter.file), data: reporter.render(results) };
  });
  const charts = await renderCharts(results);
  await mkdir(join(target, 'charts'), { recursive: true });
  const files: string[] = [];
  for (const { path, data } of rendered) {
    await writeAtomic(path, data);
    files.push(path);
  }
  for (const chart of charts) {
    const path = join(target, 'charts', `${chart.name}.png`);
    await writeAtomic(path, chart.png);
    files.push(path);
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const markdown = rendered.find((r) => r.path.endsWith('summary.md'))?.data;
    if (markdown !== undefined) await appendFile(summary, `${String(markdown)}\n`);
  }
  return { dir: target, files };
}
