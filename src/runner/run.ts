// runScenario: the floor, then every variant one after another, then results.json. One
// AbortController per run: Ctrl-C, SIGTERM, an error or a failed app end it, the first cause wins,
// everything started is stopped and what was measured is written with partial: true.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from '../clock.js';
import { LabError } from '../errors.js';
import { assertLoopbackTarget } from '../load/index.js';
import type { Results, RunRecord, Scenario } from '../types.js';
import { prepareDependencies, type RunDependencies, startDependencies } from './dependencies.js';
import { environment } from './environment.js';
import { floorFor } from './floor-target.js';
import type { Phase, Progress, RunOptions } from './options.js';
import { runVariant } from './variant.js';
import { writeResults } from './write.js';

/** Runs a scenario and writes its results; resolves with them and their directory. */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<{ results: Results; dir: string }> {
  assertLoopbackTarget(scenario.host, options.allowRemoteTarget ?? false);
  const controller = new AbortController();
  const stopOnOuter = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stopOnOuter();
  options.signal?.addEventListener('abort', stopOnOuter, { once: true });
  const { signal } = controller;
  // A missing executable is bad input: found before anything starts.
  const dependencySet = await prepareDependencies(scenario);
  let dependencies: RunDependencies | null = null;
  const dir = await mkdtemp(join(tmpdir(), 'resilab-run-'));
  const home = options.home ?? join(dir, 'home');
  const progress = progressOf(scenario, options.onProgress);
  const record: RunRecord = {
    schemaVersion: 1,
    scenario,
    environment: environment(),
    started_at: now(),
    ended_at: now(),
    partial: false,
    floor: null,
    variants: [],
  };
  let failure: unknown = null;
  try {
    progress.phase(null, 0, 'floor', null);
    if (dependencySet) dependencies = await startDependencies(scenario, dependencySet, signal);
    const floor = await floorFor(scenario, signal, dependencies?.env);
    record.floor = floor.length > 0 ? { boot_to_listening_ms: floor } : null;
    for (const [index, variant] of scenario.variants.entries()) {
      if (signal.aborted) break;
      const { record: variantRecord, error } = await runVariant({
        scenario,
        variant,
        dir,
        home,
        signal,
        dependencies,
        onPhase: (phase, total) => progress.phase(variant.name, index, phase, total),
        onLoad: progress.load,
      });
      record.variants.push(variantRecord);
      if (error !== null) throw error;
    }
  } catch (error) {
    // An error after Ctrl-C is a consequence of the interruption: the first cause wins.
    if (!signal.aborted) {
      failure = error;
      controller.abort(error);
    }
  } finally {
    await dependencies?.close();
    options.signal?.removeEventListener('abort', stopOnOuter);
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
  record.ended_at = now();
  record.partial = signal.aborted;
  progress.phase(null, scenario.variants.length, 'writing', null);
  const written = await writeResults(record, options);
  if (failure !== null) throw withResults(failure, written.dir);
  return written;
}

/** The run's failure, its message saying where the partial results went. */
function withResults(error: unknown, dir: string): unknown {
  if (!(error instanceof LabError)) return error;
  return new LabError(error.code, `${error.message}\n(partial results written to ${dir})`, { cause: error });
}

/** Turns phase changes and load figures into Progress snapshots for the caller. */
function progressOf(scenario: Scenario, onProgress: RunOptions['onProgress']) {
  const state: Progress = {
    scenario: scenario.name,
    variant: null,
    variant_index: 0,
    variants: scenario.variants.length,
    phase: 'floor',
    elapsed_ms: 0,
    total_ms: null,
    rps: 0,
    errors: 0,
    restarts: 0,
  };
  let phaseStart = now();
  return {
    phase(variant: string | null, index: number, phase: Phase, total: number | null) {
      phaseStart = now();
      Object.assign(state, { variant, variant_index: index, phase, total_ms: total, elapsed_ms: 0 });
      if (phase === 'boot') Object.assign(state, { rps: 0, errors: 0, restarts: 0 });
      onProgress?.({ ...state });
    },
    load(status: { rps: number; errors: number; restarts: number }) {
      Object.assign(state, status, { elapsed_ms: now() - phaseStart });
      onProgress?.({ ...state });
    },
  };
}
