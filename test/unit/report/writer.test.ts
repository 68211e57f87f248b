import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadResults } from '../../../src/report/load.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { writeFiles, writeReports } from '../../../src/report/writer.js';
import { challengeResult } from '../../helpers/challenge.js';
import { fixture } from '../../helpers/results.js';

let dir = '';
const savedSummary = process.env.GITHUB_STEP_SUMMARY;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-writer-'));
  delete process.env.GITHUB_STEP_SUMMARY;
});
afterEach(async () => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = savedSummary;
  await rm(dir, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes results.json, report.html, summary.md and charts/*.png, and no temp file', async () => {
    const results = fixture('crash-recovery');
    const out = join(dir, 'reports', 'crash-recovery', '2026-11-21T06-00-00Z');
    const { dir: written, files } = await writeReports(results, out);
    expect(written).toBe(out);
    expect((await readdir(out)).sort()).toEqual(['charts', 'report.html', 'results.json', 'summary.md']);
    const charts = await readdir(join(out, 'charts'));
    expect(charts).toHaveLength(results.variants.length * 5 + 2);
    expect(charts.every((f) => f.endsWith('.png'))).toBe(true);
    expect(files).toHaveLength(3 + charts.length);
    expect(await loadResults(join(out, 'results.json'))).toEqual(results);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toBe(renderMarkdown(results));
  });

  it('replaces files written before (a re-render)', async () => {
    await writeFile(join(dir, 'summary.md'), 'old');
    await writeReports(fixture('crash-loop'), dir);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('crash-loop');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, 'before\n');
    process.env.GITHUB_STEP_SUMMARY = summary;
    const results = fixture('crash-loop');
    await writeReports(results, join(dir, 'out'));
    expect(await readFile(summary, 'utf8')).toBe(`before\n${renderMarkdown(results)}\n`);
  });

  it('writes a challenge as challenge.json, report.html, summary.md and its charts (no results.json)', async () => {
    const result = challengeResult();
    const { files } = await writeReports(result, dir);
    expect((await readdir(dir)).sort()).toEqual(['challenge.json', 'charts', 'report.html', 'summary.md']);
    expect((await readdir(join(dir, 'charts'))).sort()).toEqual([
      'challenge-latency.png',
      'challenge-scaling.png',
    ]);
    expect(files[0]).toBe(join(dir, 'challenge.json'));
    expect(JSON.parse(await readFile(join(dir, 'challenge.json'), 'utf8'))).toEqual(result);
  });
});

describe('writeFiles', () => {
  it("writes a suite's own files into new folders, leaves no temp file, and appends the step summary", async () => {
    const summary = join(dir, 'step-summary.md');
    process.env.GITHUB_STEP_SUMMARY = summary;
    const written = await writeFiles(
      [
        { path: join(dir, 'a', 'junit.xml'), data: '<testsuites/>' },
        { path: join(dir, 'b', 'ci-summary.md'), data: '## ci' },
      ],
      '## ci',
    );
    expect(written).toEqual([join(dir, 'a', 'junit.xml'), join(dir, 'b', 'ci-summary.md')]);
    expect(await readFile(join(dir, 'a', 'junit.xml'), 'utf8')).toBe('<testsuites/>');
    expect(await readdir(join(dir, 'b'))).toEqual(['ci-summary.md']);
    expect(await readFile(summary, 'utf8')).toBe('## ci\n');
  });
});
