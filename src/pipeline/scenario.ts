// runScenario end to end: measure (runner) → compute the figures and the thresholds (metrics) →
// write results.json and every report once (report), into <outDir>/<scenario>/<timestamp>/.
import { LabError } from '../errors.js';
import { computeResults } from '../metrics/results.js';
import { evaluateThresholds } from '../metrics/thresholds.js';
import { runDir } from '../report/run-dir.js';
import { writeReports } from '../report/writer.js';
import type { MeasureOptions } from '../runner/options.js';
import { measureScenario } from '../runner/run.js';
import type { Results, RunRecord, Scenario, Threshold } from '../types.js';

/** Options of runScenario: the measurement's, where the results go and extra thresholds. */
export interface RunOptions extends MeasureOptions {
  /** Where reports go: <outDir>/<scenario>/<timestamp>/. Default ./reports. */
  outDir?: string;
  /** Thresholds added to the scenario's `expect` (e.g. from --expect). */
  extraThresholds?: Threshold[];
}

/** Runs a scenario and writes its results; resolves with them and their directory. A run that
 * failed part-way still writes what it measured (partial: true), then rethrows, naming where. */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<{ results: Results; dir: string }> {
  const { record, failure } = await measureScenario(scenario, options);
  const written = await writeResults(record, options);
  if (failure !== null) throw withResults(failure, written.dir);
  return written;
}

/** Computes the results of `record` (the scenario's `expect` plus extra thresholds) and writes them. */
export async function writeResults(
  record: RunRecord,
  options: Pick<RunOptions, 'outDir' | 'extraThresholds'>,
): Promise<{ results: Results; dir: string }> {
  const computed = computeResults(record);
  const thresholds = [...record.scenario.expect, ...(options.extraThresholds ?? [])];
  const results: Results = { ...computed, thresholds: evaluateThresholds(computed, thresholds) };
  const { dir } = await writeReports(
    results,
    runDir(options.outDir ?? 'reports', record.scenario.name, record.started_at),
  );
  return { results, dir };
}

/** The run's failure, its message saying where the partial results went. */
function withResults(error: unknown, dir: string): unknown {
  if (!(error instanceof LabError)) return error;
  return new LabError(error.code, `${error.message}\n(partial results written to ${dir})`, { cause: error });
}
