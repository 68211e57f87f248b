// From a RunRecord to results on disk: figures (computeResults), thresholds (the scenario's `expect`
// plus --expect), then <outDir>/<scenario>/<timestamp>/: results.json first (atomically, so a
// failing renderer never loses a run), then the reports (report.html, summary.md, charts).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LabError } from '../errors.js';
import { computeResults } from '../metrics/results.js';
import { evaluateThresholds } from '../metrics/thresholds.js';
import { writeReports } from '../report/index.js';
import type { Results, RunRecord } from '../types.js';
import type { RunOptions } from './options.js';

/** Computes the results of `record` and writes them; resolves with them and their directory. */
export async function writeResults(
  record: RunRecord,
  options: Pick<RunOptions, 'outDir' | 'extraThresholds'>,
): Promise<{ results: Results; dir: string }> {
  const computed = computeResults(record);
  const thresholds = [...record.scenario.expect, ...(options.extraThresholds ?? [])];
  const results: Results = { ...computed, thresholds: evaluateThresholds(computed, thresholds) };
  const dir = join(
    resolve(options.outDir ?? 'reports'),
    safeName(record.scenario.name),
    stamp(record.started_at),
  );
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  try {
    await writeReports(results, dir);
  } catch (error) {
    const message = `reports: ${(error as Error).message} (results.json was written to ${dir})`;
    throw new LabError('RESILAB_E_RUN_FAILED', message, { cause: error });
  }
  return { results, dir };
}

/** Writes to a temporary name next to the file, then renames: a reader never sees half a file. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** 2026-11-21T06-30-00-123Z: an ISO time that is a valid directory name everywhere. */
function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[:.]/g, '-');
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, '_') || 'scenario';
}
