import { describe, expect, it } from 'vitest';
import { formatBytes, formatUptime } from '../../../../../src/cli/pm2/render/format.js';
import { renderList } from '../../../../../src/cli/pm2/render/list.js';
import type { InstanceRow } from '../../../../../src/protocol/results.js';

const NOW = 1_700_000_000_000;

function row(overrides: Partial<InstanceRow>): InstanceRow {
  return {
    app: 'api',
    instance: 0,
    id: 0,
    pid: 4242,
    state: 'online',
    exec_mode: 'cluster',
    restarts: 0,
    unstable_restarts: 0,
    started_at: NOW - 125_000,
    rss: 45 * 1024 * 1024 + 200 * 1024,
    cpu: 0.3,
    ...overrides,
  };
}

describe('renderList', () => {
  it('prints one line per instance with PM2 columns, sorted by id', () => {
    const text = renderList([row({ id: 1, instance: 1, pid: 4243, restarts: 2 }), row({})], NOW);
    const lines = text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/│ id │ name │ mode +│ pid +│ uptime │ ↺ +│ status +│ cpu +│ memory +│/);
    const cells = (line: string | undefined) =>
      (line ?? '')
        .split('│')
        .map((cell) => cell.trim())
        .slice(1, -1);
    expect(cells(lines[3])).toEqual(['0', 'api', 'cluster', '4242', '2m', '0', 'online', '0.3%', '45.2mb']);
    expect(cells(lines[4])).toEqual(['1', 'api', 'cluster', '4243', '2m', '2', 'online', '0.3%', '45.2mb']);
    // Every line of the box has the same width.
    expect(new Set(lines.map((line) => [...line].length)).size).toBe(1);
  });

  it('shows a stopped or errored instance with pid, uptime, cpu and memory zeroed, as PM2 does', () => {
    const text = renderList([row({ state: 'errored', pid: null, restarts: 10 })], NOW);
    expect(text).toMatch(/│ 0 +│ api +│ cluster │ 0 +│ 0 +│ 10 │ errored │ 0% +│ 0b +│/);
  });

  it('says how to start an app when none runs', () => {
    expect(renderList([], NOW)).toMatch(/No app is running/);
  });
});

describe('formats', () => {
  it('uptime in PM2 short units and memory 1024-based', () => {
    expect([0, 59_999, 60_000, 3_600_000, 86_400_000 * 2].map(formatUptime)).toEqual([
      '0s',
      '59s',
      '1m',
      '1h',
      '2D',
    ]);
    expect([null, 512, 1536, 1024 ** 3].map(formatBytes)).toEqual(['0b', '512b', '1.5kb', '1.0gb']);
  });
});
