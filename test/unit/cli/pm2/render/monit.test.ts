import { describe, expect, it } from 'vitest';
import { type MonitState, renderMonit } from '../../../../../src/cli/pm2/render/monit.js';
import type { InstanceRow } from '../../../../../src/protocol/results.js';

const NOW = 1_700_000_000_000;

function rows(count: number): InstanceRow[] {
  return Array.from({ length: count }, (_, i) => ({
    app: i % 2 === 0 ? 'api' : 'worker',
    instance: i,
    id: i,
    pid: 1000 + i,
    state: i === 1 ? 'waiting-restart' : 'listening',
    exec_mode: 'cluster' as const,
    restarts: i,
    unstable_restarts: 0,
    started_at: NOW - 5000,
    rss: 20 * 1024 * 1024,
    cpu: 1.5,
  }));
}

function state(overrides: Partial<MonitState> = {}): MonitState {
  const logs = Array.from({ length: 30 }, (_, i) => ({
    id: 0,
    app: 'api',
    stream: 'out' as const,
    line: `line ${i}`,
  }));
  return { rows: rows(2), logs, now: NOW, error: null, ...overrides };
}

describe('renderMonit', () => {
  it('shows each instance with status, restarts, cpu and memory, then the latest logs, filling the screen', () => {
    const screen = renderMonit(state(), { columns: 80, rows: 12 }).split('\n');
    expect(screen).toHaveLength(12);
    expect(screen[0]).toMatch(/2 app\(s\), 2 instance\(s\).*q to quit/);
    expect(screen[3]).toMatch(/^0 +api +listening +0 +1\.5% +20\.0mb +1000 +5s/);
    expect(screen[4]).toMatch(/^1 +worker +waiting-restart +1 /);
    // The newest lines are at the bottom, with PM2's prefix; older ones scroll off.
    expect(screen[11]).toBe('0|api  | line 29');
    expect(screen.some((line) => line.endsWith('line 23'))).toBe(false);
  });

  it('never draws wider or taller than the terminal', () => {
    const long = state({
      logs: [{ id: 3, app: 'api', stream: 'err', line: 'x'.repeat(500) }],
      rows: rows(40),
    });
    for (const size of [
      { columns: 40, rows: 10 },
      { columns: 120, rows: 50 },
    ]) {
      const screen = renderMonit(long, size).split('\n');
      expect(screen.length).toBeLessThanOrEqual(size.rows);
      for (const line of screen) expect([...line].length).toBeLessThanOrEqual(size.columns);
    }
    // Too many instances for 10 rows: the overflow is counted, and log lines keep their room.
    const small = renderMonit(long, { columns: 40, rows: 10 });
    expect(small).toMatch(/… \d+ more/);
    expect(small).toMatch(/3\|api {2}\| x+…$/);
  });

  it('says when the daemon could not be reached instead of showing stale figures silently', () => {
    expect(renderMonit(state({ error: 'daemon gone' }), { columns: 80, rows: 12 }).split('\n')[1]).toBe(
      '! daemon gone',
    );
  });
});
