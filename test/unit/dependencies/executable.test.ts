// Finding a dependency's executables and saying how to install a missing one.
import { describe, expect, it } from 'vitest';
import { findExecutable, installHint, resolveExecutables } from '../../../src/dependencies/index.js';
import { LabError } from '../../../src/errors.js';
import type { DependencySpec } from '../../../src/types.js';

const spec = (over: Partial<DependencySpec>): DependencySpec => ({
  name: 'db',
  init: null,
  command: ['postgres', '-p', '{port}'],
  ready: { log: null, timeout_ms: 1000 },
  env: {},
  stop_signal: 'SIGINT',
  install: { debian: null, brew: null },
  ...over,
});

describe('dependency executables', () => {
  it('are found on PATH, by absolute path, or not at all', () => {
    expect(findExecutable('node', `/nowhere:${process.execPath.replace(/\/node$/, '')}`)).toBe(
      process.execPath,
    );
    expect(findExecutable(process.execPath, '')).toBe(process.execPath);
    expect(findExecutable('resilab-no-such-server', '/nowhere')).toBeNull();
  });

  it('name how to install the servers resilab knows, or what the scenario says', () => {
    expect(installHint('postgres', { debian: null, brew: null })).toBe(
      'install it: apt-get install postgresql (Debian) or brew install postgresql@16 (Homebrew)',
    );
    expect(installHint('/opt/x/bin/redis-server', { debian: null, brew: null })).toBe(
      'install it: apt-get install redis-server (Debian) or brew install redis (Homebrew)',
    );
    expect(installHint('mysqld', { debian: 'mariadb-server', brew: null })).toBe(
      'install it: apt-get install mariadb-server (Debian)',
    );
    expect(installHint('mysqld', { debian: null, brew: null })).toBe('install it, or put it on PATH');
  });

  it('a missing one is RESILAB_E_DEPENDENCY_MISSING (exit 2) naming the field and the executable', () => {
    const attempt = () => resolveExecutables(spec({ init: ['resilab-no-such-initdb', '-D', '{data_dir}'] }));
    const postgres = findExecutable('postgres');
    if (postgres === null) {
      expect(attempt).toThrow(/dependencies\.db\.command: executable "postgres" not found/);
      return;
    }
    try {
      attempt();
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).exitCode).toBe(2);
      expect((error as LabError).message).toMatch(
        /^dependencies\.db\.init: executable "resilab-no-such-initdb" not found on PATH or in .*; install it, or put it on PATH$/,
      );
    }
  });
});
