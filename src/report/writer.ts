// The one place reports touch the disk, for scenarios, the challenge and the suites alike: the data
// file (results.json or challenge.json) first, atomically, so a failing renderer never loses a run;
// then every other report rendered (pure) and written atomically; then the summary is appended to
// $GITHUB_STEP_SUMMARY when running in GitHub Actions.
import { appendFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LabError } from '../errors.js';
import type { ChallengeResult, Results } from '../types.js';
import { writeAtomic } from './atomic.js';
import { renderChallengePngs } from './challenge-charts.js';
import { renderCharts } from './png-lazy.js';
import {
  CHALLENGE_REPORTERS,
  DEFAULT_CHALLENGE_REPORTERS,
  DEFAULT_REPORTERS,
  isChallengeResult,
  REPORTERS,
  type Reporter,
} from './reporters.js';

type Chart = { name: string; png: Buffer };

/** Writes the data file, report.html, summary.md and charts/*.png into dir; returns the paths written. */
export async function writeReports(
  data: Results | ChallengeResult,
  dir: string,
): Promise<{ dir: string; files: string[] }> {
  if (isChallengeResult(data)) {
    const reporters = DEFAULT_CHALLENGE_REPORTERS.map((name) => CHALLENGE_REPORTERS[name]());
    return writeAll(data, dir, reporters, renderChallengePngs);
  }
  return writeAll(
    data,
    dir,
    DEFAULT_REPORTERS.map((name) => REPORTERS[name]()),
    renderCharts,
  );
}

async function writeAll<T>(
  data: T,
  dir: string,
  reporters: Reporter<T>[],
  charts: (data: T) => Promise<Chart[]>,
): Promise<{ dir: string; files: string[] }> {
  const target = resolve(dir);
  const [first, ...rest] = reporters;
  if (!first) throw new Error('writeReports: no reporter');
  await mkdir(target, { recursive: true });
  const dataFile = join(target, first.file);
  await writeAtomic(dataFile, first.render(data));
  const files = [dataFile];
  try {
    const rendered = rest.map((reporter) => ({
      path: join(target, reporter.file),
      data: reporter.render(data),
    }));
    const pngs = await charts(data);
    await mkdir(join(target, 'charts'), { recursive: true });
    for (const { path, data: bytes } of rendered) {
      await writeAtomic(path, bytes);
      files.push(path);
    }
    for (const chart of pngs) {
      const path = join(target, 'charts', `${chart.name}.png`);
      await writeAtomic(path, chart.png);
      files.push(path);
    }
    const markdown = rendered.find((r) => r.path.endsWith('summary.md'))?.data;
    if (markdown !== undefined) await appendStepSummary(String(markdown));
  } catch (error) {
    const message = `reports: ${(error as Error).message} (${basename(dataFile)} was written to ${target})`;
    throw new LabError('RESILAB_E_RUN_FAILED', message, { cause: error });
  }
  return { dir: target, files };
}

/** Writes files a suite renders itself (the lab's index.html, CI's junit.xml and ci-summary.md), each
 * atomically, creating their folders; `stepSummary` is appended to $GITHUB_STEP_SUMMARY. */
export async function writeFiles(
  files: { path: string; data: string | Buffer }[],
  stepSummary?: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const path = resolve(file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeAtomic(path, file.data);
    written.push(path);
  }
  if (stepSummary !== undefined) await appendStepSummary(stepSummary);
  return written;
}

/** In GitHub Actions, the job's summary page gets the Markdown too. */
async function appendStepSummary(markdown: string): Promise<void> {
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, `${markdown}\n`);
}
