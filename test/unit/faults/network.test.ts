// The dependency and network faults drive what the context hands them: a toxic on for its
// duration and off again however the wait ends; stop, wait, start for a restart; a name with no
// dependency or proxy is a failed record, never a throw.
import { describe, expect, it } from 'vitest';
import type { FaultContext } from '../../../src/faults/index.js';
import { runFault } from '../../../src/faults/index.js';
import type { NetworkToxic } from '../../../src/types.js';

function context(calls: string[], overrides: Partial<FaultContext> = {}): FaultContext {
  const signal = new AbortController().signal;
  return {
    app: 'app',
    exec_mode: 'fork',
    command: async () => undefined,
    url: (p) => p,
    instances: () => [],
    load_start: 0,
    signal,
    stop: signal,
    dependency: (name) =>
      name === 'db'
        ? {
            stop: async () => void calls.push('stop'),
            start: async () => void calls.push('start'),
          }
        : undefined,
    proxy: (target) =>
      target === 'db'
        ? { setToxic: async (t: NetworkToxic | null) => void calls.push(t ? t.toxic : 'none') }
        : undefined,
    random: () => 0,
    ...overrides,
  };
}

describe('dependency and network faults', () => {
  it('restart stops, waits down_for, starts, and ends when the server is back', async () => {
    const calls: string[] = [];
    const r = await runFault(
      { kind: 'dependency', at_ms: 0, name: 'db', action: 'restart', down_for_ms: 20 },
      context(calls),
    );
    expect(calls).toEqual(['stop', 'start']);
    expect(r.ok).toBe(true);
    expect((r.t_end as number) - r.t).toBeGreaterThanOrEqual(19);
  });

  it("start waits with the run's stop signal: an interrupted run ends the wait, and the record says so", async () => {
    const stop = new AbortController();
    const r = await runFault(
      { kind: 'dependency', at_ms: 0, name: 'db', action: 'restart', down_for_ms: 0 },
      context([], {
        stop: stop.signal,
        dependency: () => ({
          stop: async () => undefined,
          // never ready on its own: only the abort ends the wait (the run is interrupted meanwhile)
          start: (signal) =>
            new Promise((_, reject) => {
              signal.addEventListener('abort', () => reject(new Error('interrupted before it was ready')));
              setImmediate(() => stop.abort());
            }),
        }),
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/interrupted/);
    expect(r.t_end).toBeNull();
  });

  it('stop leaves it down (no end), start only starts', async () => {
    const calls: string[] = [];
    const stop = await runFault(
      { kind: 'dependency', at_ms: 0, name: 'db', action: 'stop', down_for_ms: 0 },
      context(calls),
    );
    const start = await runFault(
      { kind: 'dependency', at_ms: 0, name: 'db', action: 'start', down_for_ms: 0 },
      context(calls),
    );
    expect(calls).toEqual(['stop', 'start']);
    expect(stop.t_end).toBeNull();
    expect(start.t_end).not.toBeNull();
  });

  it('puts the toxic on for its duration and removes it, also when the load ends first', async () => {
    const calls: string[] = [];
    const ended = new AbortController();
    ended.abort();
    const r = await runFault(
      { kind: 'network', at_ms: 0, target: 'db', duration_ms: 60_000, toxic: { toxic: 'down' } },
      context(calls, { signal: ended.signal }),
    );
    expect(calls).toEqual(['down', 'none']);
    expect(r.ok).toBe(true);
  });

  it('a name with no dependency or proxy is a failed record', async () => {
    const calls: string[] = [];
    const dep = await runFault(
      { kind: 'dependency', at_ms: 0, name: 'x', action: 'stop', down_for_ms: 0 },
      context(calls),
    );
    const net = await runFault(
      { kind: 'network', at_ms: 0, target: 'app', duration_ms: 1, toxic: { toxic: 'down' } },
      context(calls),
    );
    expect([dep.ok, dep.error]).toEqual([false, 'no dependency named "x"']);
    expect([net.ok, net.error]).toEqual([false, 'no proxy for target "app"']);
    expect(calls).toEqual([]);
  });
});
