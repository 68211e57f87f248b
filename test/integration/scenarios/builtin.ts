// Runs a built-in scenario in this process (runScenario, as `resilab run <name> --quick` does) with
// the test's own quick factor and trims, and checks afterwards that the run left no process behind:
// none of this worker's descendants, and none of the pids the run recorded (supervisor, instances).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BUILTIN_SCENARIOS_DIR, loadScenario, quickScenario } from '../../../src/config/scenario.js';
import { runScenario } from '../../../src/pipeline/scenario.js';
import type { FaultResult, Results, Scenario, VariantResult } from '../../../src/types.js';
import { cleanup, descendants, isAlive, track, waitGone } from '../../helpers/processes.js';

/** How a test shapes a built-in scenario: the quick factor, the variants it needs, overrides. */
export interface Trim {
  factor: number;
  variants?: string[];
  load?: Partial<Scenario['load']>;
  /** Fault times (ms after load start), in the scenario's order, when the quick ones are too tight. */
  faultsAt?: number[];
  /** Which of the scenario's faults to keep (indices, before faultsAt applies), when not all fit. */
  faultsKept?: number[];
}

/** The built-in scenario `name` as the file says (validated by loadScenario). */
export function builtin(name: string): Promise<Scenario> {
  return loadScenario(join(BUILTIN_SCENARIOS_DIR, `${name}.yaml`));
}

let last: Results | null = null;

/** Runs the built-in `name`, shaped by `trim`; results are written to a temporary directory, removed after. */
export async function runBuiltin(name: string, trim: Trim): Promise<Results> {
  const quick = quickScenario(await builtin(name), trim.factor);
  const scenario: Scenario = {
    ...quick,
    variants: trim.variants ? quick.variants.filter((v) => trim.variants?.includes(v.name)) : quick.variants,
    load: { ...quick.load, ...trim.load },
    faults: quick.faults
      .filter((_, i) => trim.faultsKept?.includes(i) ?? true)
      .map((f, i) => ({ ...f, at_ms: trim.faultsAt?.[i] ?? f.at_ms })),
  };
  expect(scenario.variants.map((v) => v.name)).toEqual(trim.variants ?? quick.variants.map((v) => v.name));
  const out = await mkdtemp(join(tmpdir(), `resilab-${name}-`));
  try {
    last = null;
    const { results } = await runScenario(scenario, { outDir: out });
    last = results;
    return results;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** For afterEach: asserts that nothing the last run started is still running; ends (by pid) what is. */
export async function expectNoProcessLeft(): Promise<void> {
  const recorded = new Set<number>();
  for (const v of last?.variants ?? []) {
    for (const e of v.events) if (e.pid !== null) recorded.add(e.pid);
    for (const s of v.timeline.resources)
      if (s.role !== 'loadgen' && s.role !== 'runner') recorded.add(s.pid);
  }
  recorded.delete(process.pid);
  const left = await waitGone([...descendants(process.pid), ...[...recorded].filter(isAlive)], 5000);
  for (const pid of left) track(pid);
  expect(await cleanup()).toEqual([]);
  expect(left).toEqual([]);
}

/** The variant of that name (fails the test when it is missing). */
export function variant(results: Results, name: string): VariantResult {
  const found = results.variants.find((v) => v.name === name);
  expect(found, `variant ${name}`).toBeDefined();
  expect(found?.error ?? null).toBeNull();
  return found as VariantResult;
}

/** The variant's fault of that kind (fails the test when it did not fire). */
export function fault(v: VariantResult, kind: FaultResult['kind']): FaultResult {
  const found = v.faults.find((f) => f.kind === kind);
  expect(found, `${v.name}: a ${kind} fault`).toBeDefined();
  return found as FaultResult;
}
