// heartbeat_timeout and health_check as an ecosystem entry writes them: defaults, durations, and a
// message naming the sub-key and the value for each bad one (exit code 2 through RESILAB_E_ECOSYSTEM).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveApp } from '../../../src/config/ecosystem.js';
import { ERROR_CODES, EXIT, LabError } from '../../../src/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-health-keys-'));
  writeFileSync(join(dir, 'server.js'), '');
});

const resolveIn = (extra: Record<string, unknown>) =>
  resolveApp({ script: 'server.js', ...extra }, { where: 'apps[0]', baseDir: dir, home: '/tmp/resilab-home' })
    .app;

function message(extra: Record<string, unknown>): string {
  try {
    resolveIn(extra);
  } catch (error) {
    if (error instanceof LabError) {
      expect(ERROR_CODES[error.code][0]).toBe(EXIT.badInput);
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a LabError');
}

describe('heartbeat_timeout and health_check', () => {
  it('are off by default (as in PM2, which has neither)', () => {
    const app = resolveIn({});
    expect(app.heartbeat_timeout).toBeNull();
    expect(app.health_check).toBeNull();
  });

  it('read durations; health_check takes defaults for all but path', () => {
    const app = resolveIn({ heartbeat_timeout: '5s', health_check: { path: '/health', gate_ready: true } });
    expect(app.heartbeat_timeout).toBe(5000);
    expect(app.health_check).toEqual({
      path: '/health',
      interval: 2000,
      timeout: 1000,
      failures: 3,
      gate_ready: true,
    });
    expect(
      resolveIn({ health_check: { path: '/h', interval: '1s', timeout: 500, failures: '2' } }).health_check,
    ).toMatchObject({ interval: 1000, timeout: 500, failures: 2 });
  });

  it.each([
    [
      { heartbeat_timeout: 0 },
      'apps[0].heartbeat_timeout: expected a duration above 0 like "5s", or null for off, got 0',
    ],
    [
      { heartbeat_timeout: -1 },
      'apps[0].heartbeat_timeout: expected a duration above 0 like "5s", or null for off, got -1',
    ],
    [
      { health_check: { path: 'health' } },
      'apps[0].health_check.path: expected a path starting with "/", got "health"',
    ],
    [
      { health_check: { interval: '2s' } },
      'apps[0].health_check.path: expected a path starting with "/", got nothing',
    ],
    [
      { health_check: { path: '/h', interval: '0s' } },
      'apps[0].health_check.interval: expected a duration above 0 like "2s", got "0s"',
    ],
    [
      { health_check: { path: '/h', timeout: -5 } },
      'apps[0].health_check.timeout: expected a duration above 0 like "2s", got -5',
    ],
    [
      { health_check: { path: '/h', failures: 0 } },
      'apps[0].health_check.failures: expected a whole number >= 1, got 0',
    ],
    [
      { health_check: { path: '/h', interval: '1s', timeout: '3s', failures: 3 } },
      'apps[0].health_check.timeout: expected less than interval × failures (1000 ms × 3 = 3000 ms), got "3s"',
    ],
    [
      { health_check: { path: '/h', gate_ready: 'yes' } },
      'apps[0].health_check.gate_ready: expected true or false, got "yes"',
    ],
    [
      { health_check: { path: '/h', every: '1s' } },
      'apps[0].health_check.every: unknown key (expected one of path, interval, timeout, failures, gate_ready)',
    ],
    [
      { health_check: '/health' },
      `apps[0].health_check: expected an object like { path: '/health', interval: '2s' }, got "/health"`,
    ],
  ])('%j → one message naming the key and the value', (extra, expected) => {
    expect(message(extra)).toBe(expected);
  });
});
