// PM2 reads JSON ecosystem files that carry `//` and `/* */` comments (and trailing commas), so
// resilab does too; a parse error names the line and column instead of a character offset.
import { LabError, quote } from '../errors.js';

/** Parses JSON with comments; RESILAB_E_ECOSYSTEM with `line L, column C` on a syntax error. */
export function parseJsonWithComments(text: string, file: string): unknown {
  const clean = stripComments(text);
  try {
    return JSON.parse(clean);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(clean, Number(at[1]))}` : '';
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new LabError('RESILAB_E_ECOSYSTEM', `${quote(file)}: cannot be parsed${where}: ${reason}`);
  }
}

/** `line L, column C` (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Replaces comments with spaces (newlines kept, so offsets and lines stay those of the file) and
 * drops trailing commas before `}` or `]`; strings are left untouched.
 */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let lastComma = -1; // where the last comma outside strings sits in `out`, while only blanks follow
  while (i < text.length) {
    const char = text[i]!;
    const next = text[i + 1];
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      lastComma = -1;
    } else if (char === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      if ((char === '}' || char === ']') && lastComma >= 0 && out.slice(lastComma + 1).trim() === '')
        out = `${out.slice(0, lastComma)} ${out.slice(lastComma + 1)}`;
      lastComma = char === ',' ? out.length : char.trim() === '' ? lastComma : -1;
      out += char;
      i++;
    }
  }
  return out;
}

/** The offset just past the string that starts at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return i;
}
