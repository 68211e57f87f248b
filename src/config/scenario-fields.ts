// Field readers for scenario files: each reads one raw YAML value and returns the resolved value or a
// Problem whose message names what was expected and what was found. zod carries the path; these
// carry the words, so every message reads `faults[1].at: expected a duration like "5s", got "soon"`.
import { constants } from 'node:os';
import { z } from 'zod';
import { quote } from '../errors.js';
import { parseDuration } from './units.js';

/** A value a reader refused, with the message (without the path) the user will see. */
export class Problem {
  constructor(readonly message: string) {}
}

type Reader<T> = (value: unknown) => T | Problem;

/** Wraps a reader as a zod field; `undefined` (an absent key) reaches the reader too. */
export function field<T>(read: Reader<T>) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = read(value);
      if (result instanceof Problem) {
        ctx.issues.push({ code: 'custom', message: result.message, input: value });
        return z.NEVER;
      }
      return result;
    });
}

/** An absent key takes `fallback`; `required` when there is none. */
function orDefault<T>(read: (value: unknown) => T | Problem, fallback?: T): Reader<T> {
  return (value) => {
    if (value === undefined) return fallback === undefined ? new Problem('required') : fallback;
    return read(value);
  };
}

/** Lists choices the way messages show them: `"a" or "b"`, or `one of a, b, c`. */
export function choices(values: readonly string[], quoted = true): string {
  const shown = values.map((v) => (quoted ? JSON.stringify(v) : v));
  return shown.length === 2 ? `${shown[0]} or ${shown[1]}` : `one of ${shown.join(', ')}`;
}

/** Milliseconds from "5s", "200ms", "1m" or a number of ms; `positive` refuses 0. */
export function duration(fallback?: number, positive = true): Reader<number> {
  return orDefault((value) => {
    const ms = parseDuration(value);
    if (ms === null) return new Problem(`expected a duration like "5s", got ${quote(value)}`);
    if (positive && ms <= 0) return new Problem(`expected a duration above 0, got ${quote(value)}`);
    return ms;
  }, fallback);
}

/** A whole number at least `min`. */
export function integer(min: number, fallback?: number): Reader<number> {
  return orDefault((value) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    return new Problem(`expected a whole number >= ${min}, got ${quote(value)}`);
  }, fallback);
}

/** A finite number above 0 (megabytes, requests per second). */
export function positiveNumber(what: string, fallback?: number): Reader<number> {
  return orDefault((value) => {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    return new Problem(`expected ${what} above 0, got ${quote(value)}`);
  }, fallback);
}

/** Any finite number (a threshold's value). */
export function finiteNumber(fallback?: number): Reader<number> {
  return orDefault((value) => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return new Problem(`expected a number, got ${quote(value)}`);
  }, fallback);
}

/** A variant's instance count as PM2 writes it: a number or "max" (0 and -1 as PM2 reads them). */
export function instancesValue(fallback?: number): Reader<number | 'max'> {
  return orDefault((value) => {
    if (value === 'max') return value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= -1) return value;
    return new Problem(`expected a number or "max", got ${quote(value)}`);
  }, fallback);
}

/** One of a fixed set of strings; `aliases` map other spellings (PM2's 'cluster_mode') onto them. */
export function oneOf<T extends string>(
  values: readonly T[],
  fallback?: T,
  options: { quoted?: boolean; aliases?: Record<string, T> } = {},
): Reader<T> {
  return orDefault((value) => {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    const alias = typeof value === 'string' ? options.aliases?.[value] : undefined;
    if (alias) return alias;
    return new Problem(`expected ${choices(values, options.quoted ?? true)}, got ${quote(value)}`);
  }, fallback);
}

/** A non-empty string. */
export function text(fallback?: string): Reader<string> {
  return orDefault((value) => {
    if (typeof value === 'string' && value.trim() !== '') return value;
    return new Problem(`expected a non-empty string, got ${quote(value)}`);
  }, fallback);
}

/** A name that can also be a folder name (reports/<scenario>/, one run per variant). */
export function safeName(fallback?: string): Reader<string> {
  return orDefault((value) => {
    if (typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) return value;
    return new Problem(`expected letters, digits, ".", "_" or "-" (no spaces), got ${quote(value)}`);
  }, fallback);
}

/** An HTTP path such as "/crash" (the host is always the scenario's). */
export function urlPath(fallback?: string): Reader<string> {
  return orDefault((value) => {
    if (typeof value === 'string' && value.startsWith('/')) return value;
    return new Problem(`expected a path starting with "/", got ${quote(value)}`);
  }, fallback);
}

/** A signal name known to this OS; "KILL" and "sigkill" read as "SIGKILL". */
export function signal(fallback?: string): Reader<string> {
  return orDefault((value) => {
    const name = typeof value === 'string' ? value.toUpperCase() : '';
    const full = name.startsWith('SIG') ? name : `SIG${name}`;
    if (name !== '' && full in constants.signals) return full;
    return new Problem(`expected a signal name like "SIGKILL" or "SIGTERM", got ${quote(value)}`);
  }, fallback);
}

/** Which instance a fault hits: an index, "random" or "all". */
export function instanceTarget(fallback?: number | 'random' | 'all'): Reader<number | 'random' | 'all'> {
  return orDefault((value) => {
    if (value === 'random' || value === 'all') return value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    return new Problem(`expected an instance number, "random" or "all", got ${quote(value)}`);
  }, fallback);
}

/** An environment value: strings as they are, numbers and booleans as text (as PM2 passes them). */
export const envValue: Reader<string> = (value) => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new Problem(`expected a string, number or boolean, got ${quote(value)}`);
};
