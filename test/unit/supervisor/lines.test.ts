import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/supervisor/lines.js';

describe('LineSplitter', () => {
  it('joins a line split across chunks and keeps the tail until the end', () => {
    const split = new LineSplitter();
    expect(split.push('one\ntw')).toEqual(['one']);
    expect(split.push(Buffer.from('o\r\nthree'))).toEqual(['two']);
    expect(split.end()).toEqual(['three']);
    expect(split.end()).toEqual([]);
  });
});
