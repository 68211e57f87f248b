import { describe, expect, it } from 'vitest';
import { parseDuration, parseSize } from '../../../src/config/units.js';

describe('parseDuration', () => {
  it.each([
    [250, 250],
    ['250', 250],
    ['250ms', 250],
    ['5s', 5000],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    [' 2S ', 2000],
  ])('reads %j as %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([['soon'], ['-5s'], [-1], [Number.NaN], [null], [{}], ['5 sec']])('refuses %j', (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

describe('parseSize', () => {
  it.each([
    [1024, 1024],
    ['1024', 1024],
    ['512K', 512 * 1024],
    ['150M', 150 * 1024 * 1024],
    ['150MB', 150 * 1024 * 1024],
    ['1G', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
  ])('reads %j as %d bytes', (input, expected) => {
    expect(parseSize(input)).toBe(expected);
  });

  it.each([['lots'], ['-1M'], ['1T'], [null]])('refuses %j', (input) => {
    expect(parseSize(input)).toBeNull();
  });
});
