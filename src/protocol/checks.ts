// Hand-written shape checks, the protocol's zod-free validation: the daemon, the runner's supervisor
// and the CLI's `list` load these instead of zod, whose import alone costs a long-lived supervisor
// several MiB of RSS (bench/pm2-compare.js) and `list` most of its time. Each check returns null or
// one message naming the path and the value, worded as the zod-issue formatter words its messages.
import { quote } from '../errors.js';

/** A value at a path → null when it fits, or the message saying what was expected and what came. */
export type Check = (value: unknown, path: string) => string | null;

/** `path: expected …, got …` (the value cut at 80 characters). */
export const fail = (path: string, expected: string, value: unknown): string =>
  `${path}: expected ${expected}, got ${value === undefined ? 'nothing' : quote(value).slice(0, 80)}`;

export const str: Check = (v, p) => (typeof v === 'string' ? null : fail(p, 'string', v));
/** A string of at least one character (a name, a target, a path). */
export const nonEmpty: Check = (v, p) =>
  typeof v === 'string' && v.length > 0 ? null : fail(p, 'a non-empty string', v);
export const num: Check = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? null : fail(p, 'number', v);
export const int: Check = (v, p) => (Number.isInteger(v) ? null : fail(p, 'int', v));
/** An integer ≥ min (an instance index, a count, a request id). */
export const intFrom =
  (min: number): Check =>
  (v, p) =>
    Number.isInteger(v) && (v as number) >= min ? null : fail(p, `an integer ≥ ${min}`, v);
export const bool: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, 'boolean', v));
export const any: Check = () => null;
export const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? null : check(v, p);
/** Absent, or passing the check (zod's .optional()). */
export const optional =
  (check: Check): Check =>
  (v, p) =>
    v === undefined ? null : check(v, p);
export const literal =
  (expected: unknown): Check =>
  (v, p) =>
    v === expected ? null : fail(p, quote(expected), v);
export const oneOf =
  (...values: string[]): Check =>
  (v, p) =>
    typeof v === 'string' && values.includes(v) ? null : fail(p, `one of ${values.map(quote).join('|')}`, v);
/** An array whose every element passes; `min` elements at least. */
export const array =
  (item: Check, min = 0): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'array', v);
    if (v.length < min) return fail(p, `at least ${min} element${min === 1 ? '' : 's'}`, v);
    for (const [i, element] of v.entries()) {
      const problem = item(element, `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
/** An object of string values (an env). */
export const record: Check = (v, p) => {
  if (!isObject(v)) return fail(p, 'record', v);
  for (const [key, value] of Object.entries(v))
    if (typeof value !== 'string') return fail(`${p}.${key}`, 'string', value);
  return null;
};
/** An object with at least these keys (extra keys pass, as z.looseObject; z.object strips them). */
export const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return fail(p, 'object', v);
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(v[key], `${p}.${key}`);
      if (problem) return problem;
    }
    return null;
  };

/** A plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A resolved app config in its essentials (the rest passes to the supervisor untouched). */
export const appConfig = object({
  name: nonEmpty,
  script: nonEmpty,
  cwd: nonEmpty,
  instances: intFrom(1),
  exec_mode: oneOf('fork', 'cluster'),
  env: record,
});
