// Readers for the PM2 keys that are more than a string or a number: `port`, `cron_restart` (checked
// with croner, the optional seconds field included) and `log_file` (a path, or true for the default).
import { Cron } from 'croner';
import type { Reader } from './readers.js';

/** `port`: 0–65535, a number or a string of digits; PM2 puts it in env.PORT. */
export const port: Reader<number> = {
  expected: 'a port number (0-65535)',
  read: (value) => {
    const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
  },
};

/** `cron_restart`/`cron`: 5 fields, or 6 with seconds first (`*\/2 * * * * *`), as PM2 takes them. */
export const cron: Reader<string> = {
  expected: 'a cron expression like "0 3 * * *" (or 6 fields with seconds first)',
  read: (value) => {
    if (typeof value !== 'string' || value.trim() === '') return null;
    return cronProblem(value) === null ? value.trim() : null;
  },
};

/** Why croner refuses an expression, or null when it is valid. */
export function cronProblem(expression: string): string | null {
  try {
    new Cron(expression.trim(), { paused: true }).stop();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `log_file`: a path for out and err together, true for the default one, false/null for none. */
export const logFile: Reader<string | true | null> = {
  expected: 'a path, true or false',
  read: (value) => {
    if (value === true) return true;
    if (value === false) return null;
    return typeof value === 'string' && value !== '' ? value : null;
  },
  nullable: true,
};
