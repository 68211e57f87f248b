import { describe, expect, it } from 'vitest';
import { describeIssue, ERROR_CODES, EXIT, LabError, quote } from '../../src/errors.js';

describe('error registry', () => {
  it('gives every code an exit code of 1, 2, 3 or 130 and a description', () => {
    for (const [code, [exitCode, meaning]] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^RESILAB_E_[A-Z_]+$/);
      expect([EXIT.failed, EXIT.badInput, EXIT.cannotRun, EXIT.interrupted]).toContain(exitCode);
      expect(meaning.length).toBeGreaterThan(5);
    }
  });

  it('carries the code and its exit code on a LabError', () => {
    const error = new LabError(
      'RESILAB_E_SCENARIO',
      'faults[1].at: expected a duration like "5s", got "soon"',
    );
    expect(error.code).toBe('RESILAB_E_SCENARIO');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('faults[1].at');
  });

  it('quotes strings and shows other values as JSON', () => {
    expect(quote('soon')).toBe('"soon"');
    expect(quote(3)).toBe('3');
    expect(quote({ a: 1 })).toBe('{"a":1}');
    expect(quote(undefined)).toBe('nothing');
  });
});

describe('describeIssue: the one "path: expected X, got Y" of every validator', () => {
  const root = { command: { cmd: 'scale', instances: 'lots' }, faults: [{ at: 'soon' }] };
  it('names the path under what, and the value found there (or nothing)', () => {
    const issue = {
      path: ['command', 'instances'],
      message: 'Invalid input: expected number, received string',
    };
    expect(describeIssue('message', issue, root)).toBe(
      'message.command.instances: expected number, got "lots"',
    );
    expect(describeIssue('message', { path: ['command', 'target'], message: 'expected string' }, root)).toBe(
      'message.command.target: expected string, got nothing',
    );
  });
  it('roots a bare path at its first key, and keeps resilab own (custom) messages as written', () => {
    const custom = {
      path: ['faults', 0, 'at'],
      message: 'expected a duration like "5s", got "soon"',
      code: 'custom',
    };
    expect(describeIssue('', custom, root)).toBe('faults[0].at: expected a duration like "5s", got "soon"');
    expect(describeIssue('', { path: [], message: 'required', code: 'custom' }, root)).toBe(
      '(file): required',
    );
  });
});
