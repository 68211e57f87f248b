// measureScenario: the floor, then every variant one after another → a RunRecord. One
// AbortController per run: Ctrl-C, SIGTERM, an error or a failed app end it, the first cause wins,
// everything started is stopped and what was measured is kept with partial: true (the pipeline
// writes it, then rethrows the failure).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from '../clock.js';
import { assertLoopbackTarget } from '../load/index.js';
import type { RunRecord, Scenario } from '../types.js';
import { prepareDependencies, type RunDependencies, startDependencies } from './dependencies.js';
import { environment } from './environment.js';
import { floorFor } from './floor-target.js';
import { findPm2 } from './managers/pm2-find.js';
import type { MeasureOptions, Phase, Progress } from './options.js';
import { runVariant } from './variant.js';

/** Measures a scenario; resolves with its record and the failure that ended it early (or null). */
export async function measureScenario(
  scenario: Scenario,
  options: MeasureOptions = {},
): Promise<{ record: RunRecord; failure: unknown }> {
  assertLoopbackTarget(scenario.host, options.allowRemoteTarget ?? false);
  // PM2 is the user's: found before anything starts, so a missing one is a clear exit 2.
  const pm2 = scenario.variants.some((v) => v.manager === 'pm2') ? findPm2() : null;
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
    environment: { ...environment(), ...(pm2 ? { pm2 } : {}) },
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
        onPhase: (phase, total) => {
          progress.phase(variant.name, index, phase, total);
          options.onLive?.({ type: 'phase', phase, total_ms: total, t: now() });
        },
        onLoad: progress.load,
        live: options.onLive,
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
  return { record, failure };
}

/** Turns phase changes and load figures into Progress snapshots for the caller. */
function progressOf(scenario: Scenario, onProgress: MeasureOptions['onProgress']) {
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
