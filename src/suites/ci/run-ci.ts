// `resilab ci`: run every scenario of a directory (scenarios/ci/*.yaml), write each run's reports,
// compare with baselines of the same scenario, and write one JUnit file and one Markdown verdict.
// Every scenario and baseline is validated before anything runs (bad input → exit 2, nothing ran).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  BUILTIN_SCENARIOS_DIR,
  compareResults,
  loadResults,
  loadScenario,
  type RunOptions,
  renderJunitSuites,
  runScenario,
  thresholdSuite,
  writeFiles,
} from '../../api.js';
import { LabError, quote } from '../../errors.js';
import type { Results } from '../../types.js';
import { type CiEntry, ciExitCode, compareSuite, renderCiMarkdown, runErrorSuite } from './summary.js';

/** Options of a CI run (all paths may be relative to the working directory). */
export interface CiOptions {
  /** Directory of *.yaml scenarios; default ./scenarios/ci, else resilab's own scenarios/ci. */
  scenariosDir?: string;
  /** results.json files to compare with, matched to runs by scenario name. */
  baselines?: string[];
  /** Where run directories go (<outDir>/<scenario>/<timestamp>/) and, by default, junit.xml and ci-summary.md. */
  outDir?: string;
  junit?: string;
  tolerance?: number;
  signal?: AbortSignal;
  onProgress?: RunOptions['onProgress'];
  /** Called after each scenario with its entry (for the terminal). */
  onScenario?: (entry: CiEntry) => void;
}

/** Runs the CI preset; resolves with every entry, the files written and the exit code (0, 1 or 3). */
export async function runCi(
  options: CiOptions = {},
): Promise<{ entries: CiEntry[]; junit: string; summary: string; code: 0 | 1 | 3 }> {
  const dir = scenariosDir(options.scenariosDir);
  const files = (await readdir(dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0)
    throw new LabError('RESILAB_E_USAGE', `--scenarios: no *.yaml file in ${quote(dir)}`);
  const scenarios = [];
  for (const file of files) scenarios.push({ file, scenario: await loadScenario(file) });
  const baselines = new Map<string, Results>();
  for (const file of options.baselines ?? []) {
    const baseline = await loadResults(file);
    baselines.set(baseline.scenario.name, baseline);
  }
  const outDir = resolve(options.outDir ?? 'reports');
  const entries: CiEntry[] = [];
  for (const { file, scenario } of scenarios) {
    if (options.signal?.aborted) break;
    const entry: CiEntry = {
      scenario: scenario.name,
      file,
      results: null,
      dir: null,
      error: null,
      comparison: null,
    };
    try {
      // runScenario writes results.json and every report of the run (report.html, summary.md, charts).
      const { results, dir: runDir } = await runScenario(scenario, {
        outDir,
        signal: options.signal,
        onProgress: options.onProgress,
      });
      const baseline = baselines.get(scenario.name);
      Object.assign(entry, {
        results,
        dir: runDir,
        comparison: baseline
          ? compareResults(baseline, results, { tolerance: options.tolerance ?? 0.2 })
          : null,
      });
    } catch (error) {
      if (options.signal?.aborted || !(error instanceof LabError) || error.exitCode !== 3) throw error;
      entry.error = error.message;
    }
    entries.push(entry);
    options.onScenario?.(entry);
  }
  const junit = resolve(options.junit ?? join(outDir, 'junit.xml'));
  const summary = join(outDir, 'ci-summary.md');
  const suites = entries.flatMap((e) => [
    e.results ? thresholdSuite(e.results) : null,
    compareSuite(e),
    runErrorSuite(e),
  ]);
  const markdown = renderCiMarkdown(entries);
  await writeFiles(
    [
      { path: junit, data: renderJunitSuites(suites.filter((s) => s !== null)) },
      { path: summary, data: markdown },
    ],
    markdown,
  );
  return { entries, junit, summary, code: ciExitCode(entries) };
}

function scenariosDir(given: string | undefined): string {
  if (given !== undefined) {
    if (!existsSync(given))
      throw new LabError('RESILAB_E_USAGE', `--scenarios: no such directory ${quote(given)}`);
    return resolve(given);
  }
  const local = resolve('scenarios', 'ci');
  return existsSync(local) ? local : join(BUILTIN_SCENARIOS_DIR, 'ci');
}
