import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/errors.js';
import { assertLoopbackTarget, loopbackUrl } from '../../../src/load/target.js';

describe('assertLoopbackTarget', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]'])('accepts %s', (host) => {
    expect(() => assertLoopbackTarget(host, false)).not.toThrow();
  });

  it.each(['10.0.0.1', 'example.com', '0.0.0.0', '::', '128.0.0.1', 'localhost.evil.com'])(
    'refuses %s, naming it',
    (host) => {
      let caught: unknown;
      try {
        assertLoopbackTarget(host, false);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LabError);
      expect((caught as LabError).code).toBe('RESILAB_E_REMOTE_TARGET');
      expect((caught as LabError).exitCode).toBe(2);
      expect((caught as LabError).message).toContain(JSON.stringify(host));
    },
  );

  it('lets any host through with allowRemote', () => {
    expect(() => assertLoopbackTarget('example.com', true)).not.toThrow();
  });
});

describe('loopbackUrl', () => {
  it('resolves localhost to 127.0.0.1, never ::1, and leaves the rest alone', () => {
    expect(loopbackUrl('http://localhost:3000/a?b=1')).toBe('http://127.0.0.1:3000/a?b=1');
    expect(loopbackUrl('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000/');
    expect(loopbackUrl('http://[::1]:3000/')).toBe('http://[::1]:3000/');
  });
});
