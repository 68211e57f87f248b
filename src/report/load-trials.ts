// Repeated trials from disk: a results.json is one trial; a directory stands for every results.json
// under it (what `resilab ci --trials N --out DIR` writes). The boundary for `compare` and `ci`
// baselines: a directory with no results, or trials of different scenarios, is bad input.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError, quote } from '../errors.js';
import type { Results } from '../types.js';
import { loadResults } from './load.js';

/** Every trial a path stands for, in path order. */
export async function loadTrials(path: string): Promise<Results[]> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [await loadResults(path)];
  const files = (await findResults(path)).sort();
  if (files.length === 0)
    throw new LabError('RESILAB_E_RESULTS', `${path}: no results.json in this directory or below it`);
  return Promise.all(files.map((f) => loadResults(f)));
}

/** The trials of one side of a comparison: all of one scenario (else bad input naming both). */
export async function loadSide(paths: readonly string[]): Promise<Results[]> {
  const trials = (await Promise.all(paths.map(loadTrials))).flat();
  const names = [...new Set(trials.map((t) => t.scenario.name))];
  if (names.length > 1)
    throw new LabError(
      'RESILAB_E_RESULTS',
      `${paths.join(', ')}: trials of different scenarios (${names.map(quote).join(', ')}): compare one scenario at a time`,
    );
  return trials;
}

async function findResults(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await findResults(path)));
    else if (entry.name === 'results.json') out.push(path);
  }
  return out;
}
