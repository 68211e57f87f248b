// `resilab ci`: run every scenario of a directory (scenarios/ci/*.yaml), write each run's reports,
// compare with baselines of the same scenario, and write one JUnit file and one Markdown verdict.
// Every scenario and baseline is validated before anything runs (bad input → exit 2, nothing ran).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  BUILTIN_SCENARIOS_DIR,
  compareTrials,
  DEFAULT_DECIDE,
  DEFAULT_TRIALS,
  loadScenario,
  loadTrials,
  type RunOptions,
  renderJunitSuites,
  runScenario,
  type TrialCompareOptions,
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
  /** How each scenario is compared with its baseline: statistics (default) or the tolerance gate. */
  gate?: TrialCompareOptions['gate'];
  /** The statistical gate's smallest change that counts (default 10 %). */
  minEffect?: number;
  /** Runs of each scenario (trials): more samples for the statistical gate; thresholds hold in every one. */
  trials?: number;
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
  // A baseline path is a results.json or a directory of them (trials): grouped by scenario name.
  const baselines = new Map<string, Results[]>();
  for (const path of options.baselines ?? [])
    for (const trial of await loadTrials(path))
      baselines.set(trial.scenario.name, [...(baselines.get(trial.scenario.name) ?? []), trial]);
  const compare: TrialCompareOptions = {
    gate: options.gate ?? 'stats',
    tolerance: options.tolerance ?? 0.2,
    decide: { ...DEFAULT_DECIDE, minEffect: options.minEffect ?? DEFAULT_DECIDE.minEffect },
  };
  const outDir = resolve(options.outDir ?? 'reports');
  const entries: CiEntry[] = [];
  for (const { file, scenario } of scenarios) {
    if (options.signal?.aborted) break;
    const entry: CiEntry = {
      scenario: scenario.name,
      file,
      results: null,
      trials: [],
      dir: null,
      error: null,
      comparison: null,
    };
    try {
      // runScenario writes results.json and every report of the run (report.html, summary.md, charts).
      for (let trial = 0; trial < (options.trials ?? DEFAULT_TRIALS) && !options.signal?.aborted; trial++) {
        const { results, dir: runDir } = await runScenario(scenario, {
          outDir,
          signal: options.signal,
          onProgress: options.onProgress,
        });
        Object.assign(entry, { results, dir: runDir, trials: [...entry.trials, results] });
      }
      const baseline = baselines.get(scenario.name);
      if (baseline && entry.trials.length > 0)
        entry.comparison = compareTrials(baseline, entry.trials, compare);
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
    ...e.trials.map((t) => thresholdSuite(t)),
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
