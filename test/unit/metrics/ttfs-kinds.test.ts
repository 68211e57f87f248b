// time_to_first_success_ms has one meaning for every fault kind: fault → the first successful probe
// that started after the fault and was answered by a process that serves after the fault. An old
// process answering during its graceful stop (restart, reload, scale-down, deploy, memory or watch
// restart) is not a recovery, exactly as a crashed process answering before it dies is not.
import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import type { FaultSpec, ProbeSample, SupervisorEvent } from '../../../src/types.js';
import { event, faultRecord, probes, variantRecord } from '../../helpers/records.js';

const OLD = 1000;
const NEW = 1001;

/** Probes every 10 ms, 1 ms each: the old pid answers until `oldUntil`, refused until `newFrom`, then the new pid. */
function handover(oldUntil: number, newFrom: number): ProbeSample[] {
  return [
    ...probes(0, oldUntil, 'ok', { pid: OLD }),
    ...probes(oldUntil, newFrom, 'refused'),
    ...probes(newFrom, 10_000, 'ok', { pid: NEW }),
  ];
}

/** A graceful replacement: stop asked at 4001, the old process answers until it exits, then the new one boots. */
function graceful(exitAt: number, listenAt: number): SupervisorEvent[] {
  return [
    event('stopping', 4001, { pid: OLD, reason: 'restart' }),
    event('exit', exitAt, { pid: OLD, expected: true, code: 0 }),
    event('spawn', exitAt + 1, { pid: NEW }),
    event('listening', listenAt, { pid: NEW }),
  ];
}

function ttfs(kind: Partial<FaultSpec>, probeSet: ProbeSample[], events: SupervisorEvent[]): number | null {
  const v = variantRecord({ probes: probeSet, events, faults: [faultRecord(4000, kind)] });
  return computeVariant(v, { floor: null }).faults[0]?.metrics.time_to_first_success_ms ?? null;
}

describe('time_to_first_success_ms: the first success from a process that serves after the fault', () => {
  it('crash: not the crashed process answering before it dies', () => {
    const events = [event('exit', 4005, { pid: OLD }), event('spawn', 4006, { pid: NEW })];
    expect(ttfs({ kind: 'crash' }, handover(4005, 4200), events)).toBe(201);
  });

  it('kill: not the killed process', () => {
    const events = [event('exit', 4003, { pid: OLD, signal: 'SIGKILL', code: null })];
    expect(ttfs({ kind: 'kill', signal: 'SIGKILL', instance: 0 }, handover(4003, 4150), events)).toBe(151);
  });

  it('restart: not the old process answering during its graceful stop', () => {
    expect(ttfs({ kind: 'restart' }, handover(4300, 4400), graceful(4300, 4390))).toBe(401);
  });

  it('reload (fork): the same as restart', () => {
    expect(ttfs({ kind: 'reload' }, handover(4250, 4350), graceful(4250, 4340))).toBe(351);
  });

  it('reload (cluster): the first answer of a new worker, not the old workers still in rotation', () => {
    // Old workers 1000 and 1002 answer all along while they are replaced one at a time (no downtime).
    const OTHER = 1002;
    const probeSet = probes(0, 10_000, (t) => ({ pid: t < 4500 ? (t % 20 ? OTHER : OLD) : NEW }));
    const events = [
      event('stopping', 4300, { pid: OLD }),
      event('spawn', 4100, { pid: NEW }),
      event('listening', 4490, { pid: NEW }),
      event('exit', 4400, { pid: OLD, expected: true }),
      event('stopping', 4600, { pid: OTHER, instance: 1 }),
      event('exit', 4700, { pid: OTHER, instance: 1, expected: true }),
    ];
    expect(ttfs({ kind: 'reload' }, probeSet, events)).toBe(501);
  });

  it('scale down: not the instance being removed, the one that stays', () => {
    const LEAVING = 1002;
    const probeSet = [
      ...probes(0, 4000, 'ok', { pid: OLD }),
      ...probes(4000, 4010, 'ok', { pid: LEAVING }),
      ...probes(4010, 10_000, 'ok', { pid: OLD }),
    ];
    const events = [
      event('scale', 4000, { pid: null, from: 2, to: 1 }),
      event('stopping', 4001, { pid: LEAVING, instance: 1 }),
      event('exit', 4100, { pid: LEAVING, instance: 1, expected: true }),
    ];
    expect(ttfs({ kind: 'scale', instances: 1 }, probeSet, events)).toBe(11);
  });

  it('boot-crash: the old process during its stop is no recovery; the crashing deploy never serves → null', () => {
    const probeSet = [...probes(0, 4100, 'ok', { pid: OLD }), ...probes(4100, 10_000, 'refused')];
    const events = [
      event('stopping', 4001, { pid: OLD }),
      event('exit', 4100, { pid: OLD, expected: true }),
      event('spawn', 4101, { pid: NEW }),
      event('exit', 4160, { pid: NEW, code: 1 }),
    ];
    expect(ttfs({ kind: 'boot-crash', env: { CRASH_ON_BOOT: '1' } }, probeSet, events)).toBeNull();
  });

  it('memory restart (leak over max_memory_restart): from the replacement, not the leaking process', () => {
    const events = [
      event('memory-limit', 4500, { pid: OLD, rss: 200, limit: 150 }),
      ...graceful(4700, 4780).map((e) => (e.type === 'stopping' ? { ...e, t: e.t + 499 } : e)),
    ];
    const leak = { kind: 'leak', path: '/leak', mb: 10, rate_per_s: 10, duration_ms: 2000 } as const;
    expect(ttfs(leak, handover(4700, 4790), events)).toBe(791);
  });

  it('watch restart inside a fault window: from the restarted process', () => {
    const events = [
      event('watch-restart', 4200, { pid: null, path: 'app.js', changes: 1, action: 'restart' }),
      ...graceful(4300, 4390),
    ];
    const cpu = { kind: 'cpu', path: '/cpu', concurrent: 1, loops: 1 } as const;
    expect(ttfs(cpu, handover(4300, 4400), events)).toBe(401);
  });

  it('freeze: the same process answering after SIGCONT is the recovery (it serves after the fault)', () => {
    const probeSet = probes(0, 10_000, (t) => (t >= 4000 && t < 5000 ? 'timeout' : 'ok'));
    expect(ttfs({ kind: 'freeze', duration_ms: 1000, instance: 0 }, probeSet, [])).toBe(1001);
  });
});

describe('time_to_first_success_ms without x-pid', () => {
  it('still counts the first success, flagged no_pid, when a process was ended and probes carry no pid', () => {
    const probeSet = handover(4300, 4400).map((p) => ({ ...p, pid: null }));
    const v = variantRecord({
      probes: probeSet,
      events: graceful(4300, 4390),
      faults: [faultRecord(4000, { kind: 'restart' })],
    });
    const f = computeVariant(v, { floor: null }).faults[0]!;
    expect(f.metrics.time_to_first_success_ms).toBe(1);
    expect(f.flags).toContainEqual(
      expect.objectContaining({ metric: 'time_to_first_success_ms', code: 'no_pid' }),
    );
  });
});

describe('detect_ms and restart_ms: every restart the supervisor decides on its own', () => {
  it('a memory restart is detected at the memory limit and timed from the exit to the replacement', () => {
    const events = [
      event('memory-limit', 4500, { pid: OLD, rss: 200, limit: 150 }),
      event('stopping', 4500, { pid: OLD }),
      event('exit', 4700, { pid: OLD, expected: true }),
      event('spawn', 4701, { pid: NEW }),
      event('listening', 4780, { pid: NEW }),
    ];
    const leak = { kind: 'leak', path: '/leak', mb: 10, rate_per_s: 10, duration_ms: 2000 } as const;
    const v = variantRecord({ probes: handover(4700, 4790), events, faults: [faultRecord(4000, leak)] });
    const f = computeVariant(v, { floor: null }).faults[0]!;
    expect(f.metrics).toMatchObject({ detect_ms: 500, restart_ms: 80 });
  });

  it('a commanded restart is no detection: detect_ms and restart_ms stay null, with no flag', () => {
    const v = variantRecord({
      probes: handover(4300, 4400),
      events: graceful(4300, 4390),
      faults: [faultRecord(4000, { kind: 'restart' })],
    });
    const f = computeVariant(v, { floor: null }).faults[0]!;
    expect(f.metrics).toMatchObject({ detect_ms: null, restart_ms: null });
    expect(f.flags.filter((x) => x.metric === 'detect_ms' || x.metric === 'restart_ms')).toEqual([]);
  });
});
