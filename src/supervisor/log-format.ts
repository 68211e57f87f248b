// Timestamps on log lines, as PM2's `time: true` and `log_date_format` write them, added to whole
// lines only: a chunk from a child may end mid-line, and its tail waits for the newline (or flush).

const TOKENS = /\[([^\]]*)]|YYYY|YY|MM|DD|HH|mm|ss|SSS|ZZ|Z/g;

const pad = (value: number, width = 2): string => String(Math.trunc(Math.abs(value))).padStart(width, '0');

/** Formats a date with the dayjs tokens PM2 users write (YYYY MM DD HH mm ss SSS Z ZZ, [literal]), local time. */
export function formatDate(date: Date, format: string): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = (separator: string) => `${sign}${pad(offset / 60)}${separator}${pad(offset % 60)}`;
  return format.replace(TOKENS, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY':
        return pad(date.getFullYear(), 4);
      case 'YY':
        return pad(date.getFullYear() % 100);
      case 'MM':
        return pad(date.getMonth() + 1);
      case 'DD':
        return pad(date.getDate());
      case 'HH':
        return pad(date.getHours());
      case 'mm':
        return pad(date.getMinutes());
      case 'ss':
        return pad(date.getSeconds());
      case 'SSS':
        return pad(date.getMilliseconds(), 3);
      case 'ZZ':
        return zone('');
      default:
        return zone(':');
    }
  });
}

/** A line longer than this without a newline is written anyway, so a tail never grows without bound. */
export const MAX_PARTIAL_LINE = 64 * 1024;

const NEWLINE = 0x0a;

/** Prefixes every complete line with `<stamp>: `; keeps a partial last line until its newline or end(). */
export class LinePrefixer {
  private tail: Buffer = Buffer.alloc(0);

  /** `stamp` gives the prefix text for lines completed now (ISO time, or log_date_format). */
  constructor(private readonly stamp: () => string) {}

  /** The prefixed complete lines of what arrived so far, or null when no line is complete yet. */
  push(chunk: Buffer): Buffer | null {
    const data = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    const last = data.lastIndexOf(NEWLINE);
    if (last === -1) {
      this.tail = Buffer.from(data);
      return this.tail.length >= MAX_PARTIAL_LINE ? this.end() : null;
    }
    this.tail = Buffer.from(data.subarray(last + 1));
    const prefix = Buffer.from(`${this.stamp()}: `);
    const parts: Buffer[] = [];
    for (let start = 0; start <= last; ) {
      const newline = data.indexOf(NEWLINE, start);
      parts.push(prefix, data.subarray(start, newline + 1));
      start = newline + 1;
    }
    return Buffer.concat(parts);
  }

  /** The pending partial line, prefixed and ended with a newline (the process is done), or null. */
  end(): Buffer | null {
    if (this.tail.length === 0) return null;
    const line = Buffer.concat([Buffer.from(`${this.stamp()}: `), this.tail, Buffer.from('\n')]);
    this.tail = Buffer.alloc(0);
    return line;
  }
}
