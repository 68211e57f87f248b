// From a RunRecord to results on disk: figures (computeResults), thresholds (the scenario's `expect`
// plus --expect), then <outDir>/<scenario>/<timestamp>/: results.json first (atomically, so a
// failing renderer never loses a run), then the reports (report.html, summary.md, charts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { computeResults } from '../metrics/results.js';
import { evaluateThresholds } from '../metrics/thresholds.js';
import { writeAtomic } from '../report/atomic.js';
import { writeReports } from '../report/index.js';
import { runDir } from '../report/run-dir.js';
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
  const dir = runDir(options.outDir ?? 'reports', record.scenario.name, record.started_at);
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
