// Loads the hand-built Results fixtures (test/fixtures/results/) for unit tests, as fresh copies
// that a test may change freely.
import { readFileSync } from 'node:fs';
import type { Results } from '../../src/types.js';
import { FIXTURES } from './processes.js';

/** The fixture runs: hand-built (crash recovery, its regressed copy, reloads, a crash loop, an interrupted
 * run) and one recorded by `resilab run crash-recovery --quick` on a 2-core machine. */
export type FixtureName =
  | 'crash-recovery'
  | 'crash-recovery-regressed'
  | 'reload'
  | 'crash-loop'
  | 'partial'
  | 'recorded-crash-recovery';

/** A fresh, deep copy of one fixture. */
export function fixture(name: FixtureName): Results {
  return JSON.parse(readFileSync(`${FIXTURES}results/${name}.json`, 'utf8')) as Results;
}

/** The path of a fixture file, for CLI tests. */
export function fixturePath(name: FixtureName): string {
  return `${FIXTURES}results/${name}.json`;
}
