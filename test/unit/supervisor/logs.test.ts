import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/app-schema.js';
import { InstanceLog, logPaths } from '../../../src/supervisor/logs.js';
import type { AppConfig } from '../../../src/types.js';

const app = (extra: Partial<AppConfig> = {}): AppConfig => ({
  ...DEFAULTS,
  name: 'api',
  script: '/srv/api.js',
  cwd: '/srv',
  interpreter: process.execPath,
  instances: 2,
  exec_mode: 'cluster',
  env: {},
  ...extra,
});

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'resilab-logs-'));
});

describe('logPaths (PM2 names)', () => {
  it.each([
    [{}, 1, '/h/logs/api-out-1.log', '/h/logs/api-error-1.log'],
    [{ merge_logs: true }, 1, '/h/logs/api-out.log', '/h/logs/api-error.log'],
    [{ name: 'my app/v2' }, 0, '/h/logs/my-app-v2-out-0.log', '/h/logs/my-app-v2-error-0.log'],
    [
      { out_file: '/var/log/api.log', error_file: '/var/log/api.err' },
      3,
      '/var/log/api-3.log',
      '/var/log/api-3.err',
    ],
    [{ out_file: '/var/log/api', merge_logs: true }, 3, '/var/log/api', '/h/logs/api-error.log'],
    [{ out_file: '/dev/null', error_file: '/dev/null' }, 0, '/dev/null', '/dev/null'],
  ])('%j instance %d → %s, %s', (extra, instance, out, err) => {
    expect(logPaths(app(extra), instance, '/h')).toEqual({ out, err });
  });
});

describe('InstanceLog', () => {
  const read = (name: string) => readFileSync(join(home, 'logs', name), 'utf8');

  it('writes out and err to their files, unchanged without time', async () => {
    const log = new InstanceLog(app(), 0, home);
    log.write('out', 'hello ');
    log.write('out', Buffer.from('world\n'));
    log.write('err', 'Error: boom\n    at x (y.js:1:1)\n');
    await log.flush();
    expect(read('api-out-0.log')).toBe('hello world\n');
    expect(read('api-error-0.log')).toBe('Error: boom\n    at x (y.js:1:1)\n');
    await log.close();
  });

  it('time: true prefixes whole lines with an ISO timestamp; a partial line waits for flush', async () => {
    const log = new InstanceLog(app({ time: true }), 0, home);
    log.write('out', 'one\ntw');
    log.write('out', 'o\nthr');
    await log.flush();
    const lines = read('api-out-0.log').split('\n');
    expect(lines).toHaveLength(4);
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: /;
    expect(lines.slice(0, 3).map((line) => line.replace(iso, '<t>'))).toEqual(['<t>one', '<t>two', '<t>thr']);
    await log.close();
  });

  it('log_date_format overrides the format', async () => {
    const log = new InstanceLog(app({ log_date_format: '[day] YYYY-MM-DD' }), 0, home);
    log.write('err', 'x\n');
    await log.close();
    expect(read('api-error-0.log')).toMatch(/^day \d{4}-\d\d-\d\d: x\n$/);
  });

  it('merge_logs: instances share one file; each keeps its own order; whole lines with time', async () => {
    const a = new InstanceLog(app({ merge_logs: true, time: true }), 0, home);
    const b = new InstanceLog(app({ merge_logs: true, time: true }), 1, home);
    for (let i = 0; i < 200; i++) {
      a.write('out', `a${i}-start `);
      b.write('out', `b${i}-start `);
      a.write('out', `a${i}-end\n`);
      b.write('out', `b${i}-end\n`);
    }
    await a.close();
    b.write('out', 'b-after-a-closed\n');
    await b.close();
    const lines = read('api-out.log')
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^\S+: /, ''));
    expect(lines).toHaveLength(401);
    expect(lines.filter((l) => l.startsWith('a'))).toEqual(
      Array.from({ length: 200 }, (_, i) => `a${i}-start a${i}-end`),
    );
    expect(lines.filter((l) => l.startsWith('b'))).toEqual([
      ...Array.from({ length: 200 }, (_, i) => `b${i}-start b${i}-end`),
      'b-after-a-closed',
    ]);
    expect(readdirSync(join(home, 'logs')).sort()).toEqual(['api-out.log']);
  });

  it('/dev/null disables a stream', async () => {
    const log = new InstanceLog(app({ out_file: '/dev/null' }), 0, home);
    log.write('out', 'dropped\n');
    log.write('err', 'kept\n');
    await log.close();
    expect(readdirSync(join(home, 'logs'))).toEqual(['api-error-0.log']);
  });

  it('rotates under max_log_size and keeps `retain` files', async () => {
    const log = new InstanceLog(app({ max_log_size: 1024, retain: 2 }), 0, home);
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 60; i++) log.write('out', line);
    await log.close();
    const names = readdirSync(join(home, 'logs')).sort();
    expect(names).toEqual(['api-out-0.log', 'api-out-0.log.1', 'api-out-0.log.2']);
    for (const name of names) expect(read(name).length).toBeLessThanOrEqual(1024);
    expect(read('api-out-0.log.1')).toHaveLength(1000);
  });

  it('writes after close are ignored, and close is idempotent', async () => {
    const log = new InstanceLog(app(), 0, home);
    log.write('out', 'a\n');
    await log.close();
    log.write('out', 'b\n');
    await log.close();
    expect(read('api-out-0.log')).toBe('a\n');
    expect(existsSync(join(home, 'logs', 'api-error-0.log'))).toBe(false);
  });
});
