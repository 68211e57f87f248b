// Readers for the value kinds of ecosystem keys. Each returns the resolved value or null when it
// cannot read it, and has a phrase for "expected …" so messages name the field and the value.
import { availableParallelism } from 'node:os';
import { Cron } from 'croner';
import type { ExecMode } from '../types.js';
import { parseDuration, parseSize } from './units.js';

/** A value reader with the phrase used in `expected …, got …` messages. */
export interface Reader<T> {
  expected: string;
  read: (value: unknown) => T | null;
  /** True when null is a valid value (it then means "none"). */
  nullable?: boolean;
}

const INTEGER = /^-?\d+$/;

/** An integer from a number or a string of digits; null otherwise. */
function integer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && INTEGER.test(value.trim())) return Number(value.trim());
  return null;
}

/** Non-negative durations in ms: 1000, "1000", "1s". */
export const duration: Reader<number> = {
  expected: 'a duration in ms or like "1s"',
  read: parseDuration,
};

/** Sizes in bytes (1024-based): 1048576, "150M", "1G". */
export const size: Reader<number> = { expected: 'a size like "150M"', read: parseSize };

/** A size, or null/false for none. */
export const optionalSize: Reader<number | null> = {
  expected: 'a size like "10M" or null',
  read: (value) => {
    const bytes = parseSize(value);
    return bytes !== null && bytes > 0 ? bytes : null;
  },
  nullable: true,
};

/** Counts: non-negative integers. */
export const count: Reader<number> = {
  expected: 'a whole number >= 0',
  read: (value) => {
    const n = integer(value);
    return n !== null && n >= 0 ? n : null;
  },
};

/** Counts that must be at least 1. */
export const positive: Reader<number> = {
  expected: 'a whole number >= 1',
  read: (value) => {
    const n = integer(value);
    return n !== null && n >= 1 ? n : null;
  },
};

/** Booleans, also "true"/"false" as environment-style strings. */
export const boolean: Reader<boolean> = {
  expected: 'true or false',
  read: (value) => {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return null;
  },
};

/** Non-empty strings. */
export const text: Reader<string> = {
  expected: 'a non-empty string',
  read: (value) => (typeof value === 'string' && value.trim() !== '' ? value : null),
};

/** A string, or null for none. */
export const optionalText: Reader<string | null> = {
  expected: 'a string or null',
  read: (value) => (typeof value === 'string' && value !== '' ? value : null),
  nullable: true,
};

/** Argument lists: an array of strings/numbers, or one string split on spaces (as PM2). */
export const argList: Reader<string[]> = {
  expected: 'a string or an array of strings',
  read: (value) => {
    if (typeof value === 'string') return value.split(' ').filter((part) => part !== '');
    if (!Array.isArray(value)) return null;
    if (!value.every((item) => typeof item === 'string' || typeof item === 'number')) return null;
    return value.map(String);
  },
};

/** Path lists: one string or an array of strings. */
export const stringList: Reader<string[]> = {
  expected: 'a string or an array of strings',
  read: (value) => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    return null;
  },
};

/** `watch`: true/false, a path or a list of paths. */
export const watch: Reader<boolean | string[]> = {
  expected: 'true, false or a list of paths',
  read: (value) => (typeof value === 'boolean' ? value : stringList.read(value)),
};

/** `stop_exit_codes`: one exit code or a list of them. */
export const exitCodes: Reader<number[]> = {
  expected: 'an exit code or an array of exit codes',
  read: (value) => {
    const list = Array.isArray(value) ? value : [value];
    const codes = list.map(integer);
    return codes.every((code): code is number => code !== null && code >= 0 && code <= 255) ? codes : null;
  },
};

/** `exec_mode`: fork / cluster, also PM2's fork_mode / cluster_mode. */
export const execMode: Reader<ExecMode> = {
  expected: "'fork' or 'cluster'",
  read: (value) => {
    if (value === 'fork' || value === 'fork_mode') return 'fork';
    if (value === 'cluster' || value === 'cluster_mode') return 'cluster';
    return null;
  },
};

/** `instances` as written: an integer (0 and -1 are special) or 'max'; resolve with instanceCount. */
export const instances: Reader<number | 'max'> = {
  expected: "a number, 'max' or -1",
  read: (value) => (value === 'max' ? 'max' : integer(value)),
};

/** PM2's rule: 'max' or 0 = CPUs, -1 = CPUs - 1 (at least 1), any other value <= 0 = 1. */
export function instanceCount(value: number | 'max', cpus: number = availableParallelism()): number {
  if (value === 'max' || value === 0) return cpus;
  if (value === -1) return Math.max(1, cpus - 1);
  return value < 1 ? 1 : value;
}

/** `env` blocks: an object whose values become strings (numbers and booleans as written, objects as JSON). */
export const envValues: Reader<Record<string, string>> = {
  expected: 'an object of environment variables',
  read: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      result[key] = typeof item === 'object' ? JSON.stringify(item) : String(item);
    }
    return result;
  },
};

/** A cron expression as PM2 takes it (5 fields, or 6 with seconds first), checked by croner. */
export const cron: Reader<string | null> = {
  expected: 'a cron expression like "0 3 * * *" or "*/30 * * * * *"',
  nullable: true,
  read: (value) => {
    if (typeof value !== 'string' || value.trim() === '') return null;
    try {
      new Cron(value.trim(), { paused: true }).stop();
      return value.trim();
    } catch {
      return null;
    }
  },
};
