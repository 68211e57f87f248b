import { describe, expect, it } from 'vitest';
import { crashLoopFigures } from '../../../src/metrics/crash-loop.js';
import { computeVariant } from '../../../src/metrics/variant.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { event, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: { boot_to_listening_ms: [50, 60, 70] } };
const apps = [{ name: 'app', min_uptime: 1000 }];

/** A bad deploy at `ms` by restart: the old process is stopped, then `boots` boots that crash at once. */
function badDeploy(ms: number, boots: number, { instance = 0, errored = true } = {}): SupervisorEvent[] {
  const events: SupervisorEvent[] = [
    event('exit', ms + 20, { instance, expected: true, uptime_ms: 5000, signal: 'SIGINT', code: null }),
  ];
  for (let i = 0; i < boots; i++) {
    const t = ms + 30 + i * 100;
    events.push(event('spawn', t, { instance, pid: 3000 + i }));
    events.push(event('exit', t + 60, { instance, pid: 3000 + i, uptime_ms: 60 }));
    if (i < boots - 1) events.push(event('restart-scheduled', t + 61, { instance, pid: null }));
  }
  if (errored) events.push(event('errored', ms + 30 + boots * 100, { instance, pid: null, reason: 'loop' }));
  return events;
}

describe('errored and boots_to_errored', () => {
  it('counts the boots of the loop up to errored, not the stable run or the restart before it', () => {
    const events = [
      event('exit', 500, { uptime_ms: 200 }), // an early unstable crash, then a stable run …
      event('exit', 2500, { uptime_ms: 1900 }),
      ...badDeploy(3000, 5),
    ];
    expect(crashLoopFigures(events, apps)).toEqual({ errored: 1, boots_to_errored: 5 });
  });

  it('a stable exit ends the count: the unstable exits in a row, as the restart policy counts them', () => {
    const events = [
      event('exit', 100, { uptime_ms: 50 }),
      event('exit', 1300, { uptime_ms: 1100 }), // up >= min_uptime: stable
      event('exit', 1400, { uptime_ms: 90 }),
      event('exit', 1500, { uptime_ms: 90 }),
      event('errored', 1501),
    ];
    expect(crashLoopFigures(events, apps)).toEqual({ errored: 1, boots_to_errored: 2 });
    // with min_uptime 2000 the 1100 ms run was unstable too: all four exits are one loop
    expect(crashLoopFigures(events, [{ name: 'app', min_uptime: 2000 }]).boots_to_errored).toBe(4);
  });

  it('no errored instance → errored 0 and boots_to_errored null; several → the longest loop', () => {
    expect(crashLoopFigures(badDeploy(1000, 3, { errored: false }), apps)).toEqual({
      errored: 0,
      boots_to_errored: null,
    });
    const two = [...badDeploy(1000, 3, { instance: 0 }), ...badDeploy(1000, 4, { instance: 1 })];
    expect(crashLoopFigures(two, apps)).toEqual({ errored: 2, boots_to_errored: 4 });
  });

  it('reaches the variant figures; a boot-crash that never errored is flagged', () => {
    const deploy = faultRecord(3000, { kind: 'boot-crash', env: { CRASH_ON_BOOT: '1' } });
    const looped = computeVariant(variantRecord({ events: badDeploy(3000, 3), faults: [deploy] }), floor);
    expect(looped.metrics).toMatchObject({ errored: 1, boots_to_errored: 3, restarts: 2 });
    expect(looped.flags.some((f) => f.metric === 'boots_to_errored')).toBe(false);

    const survived = computeVariant(
      variantRecord({ events: badDeploy(3000, 2, { errored: false }), faults: [deploy] }),
      floor,
    );
    expect(survived.metrics).toMatchObject({ errored: 0, boots_to_errored: null });
    expect(survived.flags).toContainEqual(
      expect.objectContaining({ metric: 'boots_to_errored', code: 'no_event' }),
    );
    // without a boot-crash fault there is nothing to explain
    const quiet = computeVariant(variantRecord(), floor);
    expect(quiet.metrics).toMatchObject({ errored: 0, boots_to_errored: null });
    expect(quiet.flags.some((f) => f.metric === 'boots_to_errored')).toBe(false);
  });
});
