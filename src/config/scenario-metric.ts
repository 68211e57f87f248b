// A threshold's metric name must be one resilab computes (src/metrics/catalog.ts): a typo would
// otherwise compare against nothing. The message lists the closest names first.

import { METRICS } from '../catalog.js';
import { quote } from '../errors.js';
import { Problem } from './scenario-fields.js';

const NAMES = Object.keys(METRICS);

/** Reads a metric name of the catalog, or a Problem listing the known names, closest first. */
export function metricName(value: unknown): string | Problem {
  if (typeof value === 'string' && NAMES.includes(value)) return value;
  const given = typeof value === 'string' ? value : '';
  const close = NAMES.filter((name) => distance(given, name) <= 3).sort(
    (a, b) => distance(given, a) - distance(given, b),
  );
  const known = [...close, ...NAMES.filter((name) => !close.includes(name))];
  const what =
    typeof value === 'string'
      ? `unknown metric ${quote(value)}`
      : `expected a metric name, got ${quote(value)}`;
  return new Problem(`${what} (known: ${known.join(', ')})`);
}

/** How far a name is from a known one: names that start with or contain the text first, then edit distance. */
function distance(given: string, name: string): number {
  if (given !== '' && (name.startsWith(given) || given.startsWith(name))) return -1000 + name.length;
  if (given !== '' && name.includes(given)) return -500 + name.length;
  return levenshtein(given, name);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
