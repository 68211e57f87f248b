import { describe, expect, it } from 'vitest';
import { parseTolerance } from '../../../src/cli/report.js';
import { LabError } from '../../../src/errors.js';

describe('parseTolerance', () => {
  it.each([
    ['20%', 0.2],
    ['0.2', 0.2],
    ['0', 0],
    ['150%', 1.5],
    [' 5 % ', 0.05],
  ])('%j → %s', (text, value) => {
    expect(parseTolerance(text)).toBeCloseTo(value, 10);
  });

  it.each(['20', '-5%', 'lots', '', '%'])('rejects %j naming it', (text) => {
    expect(() => parseTolerance(text)).toThrow(LabError);
    expect(() => parseTolerance(text)).toThrow(JSON.stringify(text));
  });
});
