import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, LinePrefixer, MAX_PARTIAL_LINE } from '../../../src/supervisor/log-format.js';

describe('formatDate', () => {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata'; // +05:30: both offset fields are non-zero
  });
  afterAll(() => {
    process.env.TZ = previous;
  });
  const date = new Date('2026-03-04T05:06:07.089Z'); // 10:36:07.089 in Kolkata

  it.each([
    ['YYYY-MM-DD HH:mm:ss Z', '2026-03-04 10:36:07 +05:30'],
    ['YYYY-MM-DD HH:mm:ss.SSS ZZ', '2026-03-04 10:36:07.089 +0530'],
    ['DD/MM/YY HH:mm', '04/03/26 10:36'],
    ['[at] HH:mm [UTC? no]', 'at 10:36 UTC? no'],
  ])('%s → %s', (format, expected) => {
    expect(formatDate(date, format)).toBe(expected);
  });
});

describe('LinePrefixer', () => {
  let tick = 0;
  const prefixer = () => new LinePrefixer(() => `T${++tick}`);
  const text = (buffer: Buffer | null) => buffer?.toString() ?? null;

  it('prefixes each complete line of a chunk', () => {
    tick = 0;
    expect(text(prefixer().push(Buffer.from('a\nb\n')))).toBe('T1: a\nT1: b\n');
  });

  it('keeps a partial line until its newline arrives, then prefixes it once', () => {
    tick = 0;
    const p = prefixer();
    expect(p.push(Buffer.from('hel'))).toBeNull();
    expect(text(p.push(Buffer.from('lo\nwor')))).toBe('T1: hello\n');
    expect(text(p.push(Buffer.from('ld\n')))).toBe('T2: world\n');
    expect(p.end()).toBeNull();
  });

  it('end() writes the pending partial line with a newline', () => {
    tick = 0;
    const p = prefixer();
    p.push(Buffer.from('no newline'));
    expect(text(p.end())).toBe('T1: no newline\n');
    expect(p.end()).toBeNull();
  });

  it('never splits a multi-byte character', () => {
    tick = 0;
    const p = prefixer();
    const euro = Buffer.from('€\n');
    expect(p.push(euro.subarray(0, 2))).toBeNull();
    expect(text(p.push(euro.subarray(2)))).toBe('T1: €\n');
  });

  it('a line longer than MAX_PARTIAL_LINE without a newline is written anyway', () => {
    tick = 0;
    const out = prefixer().push(Buffer.alloc(MAX_PARTIAL_LINE, 'x'));
    expect(out?.length).toBe('T1: '.length + MAX_PARTIAL_LINE + 1);
  });
});
