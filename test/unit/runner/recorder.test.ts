import { describe, expect, it } from 'vitest';
import { Recorder } from '../../../src/runner/recorder.js';
import type { SupervisorEvent } from '../../../src/types.js';

const base = { t: 1, app: 'app' };
const ev = (e: Partial<SupervisorEvent> & { type: SupervisorEvent['type'] }) =>
  ({ ...base, instance: 0, pid: null, ...e }) as SupervisorEvent;

describe('Recorder', () => {
  it('follows the live instances from spawn and exit events', () => {
    const r = new Recorder(100);
    r.event(ev({ type: 'spawn', instance: 0, pid: 10 }));
    r.event(ev({ type: 'spawn', instance: 1, pid: 11 }));
    r.event(ev({ type: 'listening', instance: 1, pid: 11 }));
    expect(r.instances()).toEqual([
      { instance: 0, pid: 10 },
      { instance: 1, pid: 11 },
    ]);
    r.event(
      ev({
        type: 'exit',
        instance: 0,
        pid: 10,
        code: null,
        signal: 'SIGKILL',
        uptime_ms: 5,
        expected: false,
      }),
    );
    expect(r.instances()).toEqual([{ instance: 1, pid: 11 }]);
    r.event(ev({ type: 'spawn', instance: 0, pid: 12 }));
    expect(r.instances()).toEqual([
      { instance: 0, pid: 12 },
      { instance: 1, pid: 11 },
    ]);
    expect(r.crashes()).toBe(1);
  });

  it("does not forget a replacement when the old process's exit arrives after its spawn (reload)", () => {
    const r = new Recorder(100);
    r.event(ev({ type: 'spawn', instance: 0, pid: 10 }));
    r.event(ev({ type: 'spawn', instance: 0, pid: 20 }));
    r.event(ev({ type: 'exit', instance: 0, pid: 10, code: 0, signal: null, uptime_ms: 5, expected: true }));
    expect(r.instances()).toEqual([{ instance: 0, pid: 20 }]);
    expect(r.crashes()).toBe(0);
  });

  it('keeps the last 20 log lines and each warning once', () => {
    const r = new Recorder(100);
    for (let i = 0; i < 30; i++) r.log(`line ${i}`);
    expect(r.logs).toHaveLength(20);
    expect(r.logs[0]).toBe('line 10');
    r.warn('saturated');
    r.warn('saturated');
    expect(r.warnings).toEqual(['saturated']);
  });

  it('builds a VariantRecord with samples in time order', () => {
    const r = new Recorder(100);
    r.probes = [
      { t_start: 5, t_end: 6, ok: true, status: 200, error: null, pid: 1 },
      { t_start: 2, t_end: 3, ok: true, status: 200, error: null, pid: 1 },
    ];
    const config = {
      variant: { name: 'v', exec_mode: 'fork' as const, instances: 1, supervisor: {}, script: null, env: {} },
      apps: [],
      port: 1,
    };
    const record = r.record('v', config, true, 'boom');
    expect(record.timeline.probes.map((p) => p.t_start)).toEqual([2, 5]);
    expect(record).toMatchObject({ name: 'v', partial: true, error: 'boom', timeline: { bucket_ms: 100 } });
  });
});
