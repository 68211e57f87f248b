// The containers of a scenario file: mappings with no unknown keys, lists, name → value maps. Their
// messages say what shape was expected and, for a typo'd key, which keys exist.
import { z } from 'zod';
import { quote } from '../errors.js';
import { envValue, field, Problem } from './scenario-fields.js';

/** Marks an unknown key's issue so the formatter can print one line per key with the known ones. */
export const UNKNOWN_KEY = 'unknown key';

/** A mapping whose keys are exactly `shape`'s (a typo must not silently do nothing). */
export function mapping<S extends z.core.$ZodLooseShape>(shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `${UNKNOWN_KEY} (known: ${known})`;
      if (issue.code === 'invalid_type') return `expected a mapping (key: value), got ${quote(issue.input)}`;
      return undefined;
    },
  });
}

/** A list of `item`s; an absent key reads as `fallback` (parsed too, so its defaults apply). */
export function list<T extends z.ZodType>(item: T, fallback: z.input<T>[]) {
  return z
    .array(item, {
      error: (issue) =>
        issue.code === 'invalid_type' ? `expected a list, got ${quote(issue.input)}` : undefined,
    })
    .prefault(fallback as never);
}

/** An optional mapping: absent (or null) reads as `{}`, so its own defaults apply. */
export function optionalMapping<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.preprocess((value) => value ?? {}, mapping(shape));
}

/** Environment variables: names → strings (numbers and booleans are written as text). */
export const envMap = z
  .record(z.string(), field(envValue), {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? `expected a mapping of names to values, got ${quote(issue.input)}`
        : undefined,
  })
  .optional()
  .transform((value) => value ?? {});

/** Ecosystem keys (PM2 names) for the supervisor block; values are checked by the ecosystem loader. */
export function ecosystemKeys(known: readonly string[]) {
  return field((value) => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return new Problem(`expected a mapping of ecosystem keys, got ${quote(value)}`);
    const unknown = Object.keys(value).filter((key) => !known.includes(key));
    if (unknown.length > 0)
      return new Problem(
        `unknown ecosystem key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => quote(k)).join(', ')} (known: ${known.join(', ')})`,
      );
    return value as Record<string, unknown>;
  });
}

/** `true` or `{}`: a fault kind that takes no options (reload, restart). */
export const noOptions = field((value) => {
  if (value === true || value === null) return true;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
    return true;
  return new Problem(`expected true or {} (it takes no options), got ${quote(value)}`);
});
