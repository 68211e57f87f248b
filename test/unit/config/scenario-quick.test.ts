import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SCENARIOS_DIR,
  loadScenario,
  parseScenario,
  quickScenario,
} from '../../../src/config/scenario.js';
import { LabError } from '../../../src/errors.js';
import type { FaultSpec } from '../../../src/types.js';

const s = parseScenario(
  `app: { script: sample-apps/http-app.js }
load: { duration: 12s, warmup: 2s, timeout: 2s }
probe: { interval: 10ms, timeout: 500ms }
faults:
  - { at: 4s, crash: { via: http } }
  - { at: 6s, freeze: { duration: 2s } }
  - { at: 8s, leak: { mb: 5, rate: 10, duration: 600ms } }
`,
  { file: '/tmp/q.yaml', baseDir: '/tmp' },
);

describe('quickScenario', () => {
  it('shrinks the load to about 3 s and every fault time by the same factor', () => {
    const q = quickScenario(s);
    expect(q.load.warmup_ms).toBe(500);
    // 4s, 6s, 8s × 0.25 = 1, 1.5, 2 s, moved together so the first leaves 1.5 s of steady load.
    expect(q.faults.map((f) => f.at_ms)).toEqual([1500, 2000, 2500]);
    // The leak (2.5 s, lasting 200 ms) is watched 1 s after it ends.
    expect(q.load.duration_ms).toBe(3700);
    expect(q.faults[1]).toMatchObject({ kind: 'freeze', duration_ms: 500 });
  });

  it('keeps what describes the app and the measurement: timeouts, probe interval, rates, sizes', () => {
    const q = quickScenario(s);
    expect(q.load.timeout_ms).toBe(2000);
    expect(q.probe).toEqual(s.probe);
    expect(q.faults[2]).toMatchObject({ kind: 'leak', mb: 5, rate_per_s: 10, duration_ms: 200 });
    expect(q.load.connections).toBe(s.load.connections);
  });

  it('keeps sane minimums: 1.5 s of steady load before the first fault, 1 s after the last', () => {
    const q = quickScenario(s, 0.05);
    expect(q.faults[0]?.at_ms).toBe(1500);
    expect(q.load.duration_ms).toBeGreaterThanOrEqual(2000);
    const f = 2000 / 12_000;
    const shift = 1500 - Math.round(4000 * f);
    expect(q.faults.map((fault) => fault.at_ms)).toEqual(
      [4000, 6000, 8000].map((at) => Math.round(at * f) + shift),
    );
    expect(q.faults[1]).toMatchObject({ kind: 'freeze', duration_ms: Math.round(2000 * f) });
    expect(quickScenario({ ...s, load: { ...s.load, warmup_ms: 600 } }, 0.05).load.warmup_ms).toBe(250);
    const lastAt = Math.max(...q.faults.map((f) => f.at_ms));
    expect(q.load.duration_ms).toBeGreaterThanOrEqual(lastAt + 1000);
    expect(q.faults.every((f) => f.at_ms < q.load.duration_ms)).toBe(true);
  });

  it('watches a reload long enough for every instance to be replaced', async () => {
    const reload = quickScenario(await loadScenario(`${BUILTIN_SCENARIOS_DIR}/reload.yaml`));
    expect(reload.faults).toEqual([{ kind: 'reload', at_ms: 1500 }]);
    expect(reload.load.duration_ms).toBe(4500);
    const crash = quickScenario(await loadScenario(`${BUILTIN_SCENARIOS_DIR}/crash-recovery.yaml`));
    expect(crash.faults[0]?.at_ms).toBe(1500);
    expect(crash.load.duration_ms).toBe(3000);
  });

  it("shortens a dependency's down_for by the same factor, never under 4 s (a crash loop must fit)", async () => {
    const q = quickScenario(await loadScenario(`${BUILTIN_SCENARIOS_DIR}/db-outage.yaml`));
    // 10 s of load → 3 s: the 4 s outage would be 1.2 s, too short for 16 crash-on-boot cycles
    expect(q.faults).toEqual([
      { kind: 'dependency', at_ms: 1500, name: 'db', action: 'restart', down_for_ms: 4000 },
    ]);
    // watched 3 s after the database is back
    expect(q.load.duration_ms).toBe(1500 + 4000 + 3000);
    // a long outage shrinks by the factor (20 s of load → 3 s: 0.15 × 30 s)
    const long = {
      ...q,
      load: { ...q.load, duration_ms: 20_000 },
      faults: [{ ...(q.faults[0] as FaultSpec), at_ms: 5000, down_for_ms: 30_000 }],
    };
    expect(quickScenario(long).faults[0]).toMatchObject({ down_for_ms: 4500 });
  });

  it('leaves a scenario that is already short as it is, and does not touch its input', () => {
    const short = { ...s, load: { ...s.load, duration_ms: 2000 }, faults: [] };
    expect(quickScenario(short)).toEqual(short);
    quickScenario(s);
    expect(s.load.duration_ms).toBe(12_000);
  });

  it.each([[0], [1.5], [Number.NaN]])('refuses the factor %s', (factor) => {
    expect(() => quickScenario(s, factor)).toThrow(LabError);
  });
});
