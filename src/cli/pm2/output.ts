// What every PM2-style command shares: the home it talks to, how it prints the process list, and
// how it reads a count from the command line.
import { LabError, quote } from '../../errors.js';
import { resilabHome } from '../../protocol/paths.js';
import type { InstanceRow } from '../../protocol/results.js';
import { renderList } from './render/list.js';

/** $RESILAB_HOME for this command. */
export function home(): string {
  return resilabHome();
}

/** The process list as PM2's table, or as JSON with --json. */
export function printRows(rows: InstanceRow[], json: boolean | undefined): void {
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : `${renderList(rows, Date.now())}\n`);
}

/** A status line on stderr, so stdout stays the table or the JSON. */
export function note(text: string): void {
  process.stderr.write(`[resilab] ${text}\n`);
}

/** A whole number >= min from a flag or argument, or RESILAB_E_USAGE naming it. */
export function count(field: string, raw: string, min = 0): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min)
    throw new LabError('RESILAB_E_USAGE', `${field}: expected a whole number >= ${min}, got ${quote(raw)}`);
  return value;
}
