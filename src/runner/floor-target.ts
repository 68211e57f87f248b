// Which app the floor boots: the first variant's script (or the scenario's, or the ecosystem
// entry's), with the app's env (not a variant's: a variant may be the broken one), so the floor is
// the same program the variants run.
import { dirname } from 'node:path';
import type { Scenario } from '../types.js';
import { ecosystemEntry } from './ecosystem-file.js';
import { measureFloor } from './floor.js';

const FLOOR_BOOTS = 3;

/** spawn → listening of a bare fork of the scenario's app, FLOOR_BOOTS times. */
export async function floorFor(
  scenario: Scenario,
  signal: AbortSignal,
  dependencyEnv: Record<string, string> = {},
): Promise<number[]> {
  const variant = scenario.variants[0];
  const entry = scenario.app.ecosystem ? await ecosystemEntry(scenario.app.ecosystem) : null;
  const script = variant?.script ?? scenario.app.script ?? (entry?.script as string | undefined);
  if (!script) return [];
  const entryEnv = (entry?.env as Record<string, string> | undefined) ?? {};
  return measureFloor({
    script,
    cwd: (entry?.cwd as string | undefined) ?? dirname(script),
    env: { ...dependencyEnv, ...entryEnv, ...scenario.app.env },
    count: FLOOR_BOOTS,
    signal,
  });
}
