import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { buckets, event, faultRecord, variantRecord } from '../../helpers/records.js';

const floor = { floor: { boot_to_listening_ms: [50, 60, 70] } };

describe('detect_ms and restart_ms, from the supervisor’s events', () => {
  it('detect = fault → first unexpected exit; restart = that exit → the replacement listening', () => {
    const v = variantRecord({
      events: [
        event('exit', 3000, { expected: true, instance: 0 }), // before the fault: not this fault's
        event('listening', 3100),
        event('exit', 4003, { expected: true, instance: 1 }), // asked for by the supervisor: not a crash
        event('exit', 4012, { instance: 0 }),
        event('restart-scheduled', 4013),
        event('listening', 4050, { instance: 1 }), // another instance: not the replacement
        event('listening', 4090, { instance: 0, pid: 1001 }),
      ],
      faults: [faultRecord(4000)],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics).toMatchObject({
      detect_ms: 12,
      restart_ms: 78,
      restart_overhead_ms: 18,
    });
    expect(result.metrics).toMatchObject({ detect_ms: 12, restart_ms: 78, restarts: 1 });
  });

  it('waits for ready, not listening, when the app uses wait_ready', () => {
    const v = variantRecord({
      app: { wait_ready: true },
      events: [event('exit', 4010), event('listening', 4060), event('ready', 4200)],
      faults: [faultRecord(4000)],
    });
    expect(computeVariant(v, floor).faults[0]?.metrics.restart_ms).toBe(190);
  });

  it('no replacement before the end → restart null with no_recovery; no exit → detect null with no_event', () => {
    const crashed = computeVariant(
      variantRecord({ events: [event('exit', 4010)], faults: [faultRecord(4000)] }),
      floor,
    );
    expect(crashed.metrics.restart_ms).toBeNull();
    expect(crashed.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'restart_ms', code: 'no_recovery' }),
    );
    const nothing = computeVariant(
      variantRecord({ faults: [faultRecord(4000, { kind: 'kill', signal: 'SIGKILL', instance: 0 })] }),
      floor,
    );
    expect(nothing.metrics.detect_ms).toBeNull();
    expect(nothing.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'detect_ms', code: 'no_event' }),
    );
  });

  it('restarts counts restart-scheduled events', () => {
    const events = [1, 2, 3].map((i) => event('restart-scheduled', 4000 + i * 100, { restarts: i }));
    expect(computeVariant(variantRecord({ events }), floor).metrics.restarts).toBe(3);
  });

  it('restarts counts memory-limit replacements too (they have no restart-scheduled event)', () => {
    const events = [
      event('memory-limit', 4100, { rss: 160 * 1024 ** 2, limit: 150 * 1024 ** 2 }),
      event('restart-scheduled', 4500, { restarts: 1 }),
      event('reload-begin', 5000, { instances: 1 }),
    ];
    expect(computeVariant(variantRecord({ events }), floor).metrics.restarts).toBe(2);
  });
});

describe('reload_ms and reload_failed_requests', () => {
  it('reload → reload-end; the failures of every bucket that overlaps it', () => {
    const v = variantRecord({
      buckets: buckets(0, 10_000, (t) =>
        t === 3900
          ? { resets: 9 }
          : t === 4000
            ? { resets: 2 }
            : t === 4600
              ? { resets: 1, refused: 40 }
              : t === 5000
                ? { resets: 5 }
                : {},
      ),
      events: [
        event('reload-begin', 4001),
        // The old process (999) is replaced; the probes are answered by the new one (1000).
        event('exit', 4300, { expected: true, pid: 999 }),
        event('reload-end', 4650),
      ],
      faults: [faultRecord(4000, { kind: 'reload' })],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics).toMatchObject({
      reload_ms: 650,
      reload_failed_requests: 3,
      detect_ms: null,
    });
    // An expected exit is not a detection, and a reload is not expected to end a process: no flag.
    expect(result.faults[0]?.flags).toEqual([]);
    expect(result.metrics.reload_failed_requests).toBe(3);
  });

  it('totals the failures over several reloads; a reload that never ends → null + no_recovery', () => {
    const reload = (ms: number) => faultRecord(ms, { kind: 'reload' });
    const v = variantRecord({
      buckets: buckets(0, 10_000, (t) => (t === 2000 || t === 6000 ? { resets: 2 } : {})),
      events: [event('reload-end', 2500), event('reload-end', 6500)],
      faults: [reload(2000), reload(6000)],
    });
    expect(computeVariant(v, floor).metrics.reload_failed_requests).toBe(4);
    const stuck = computeVariant(variantRecord({ faults: [reload(2000)] }), floor);
    expect(stuck.metrics.reload_ms).toBeNull();
    expect(stuck.metrics.reload_failed_requests).toBeNull();
    expect(stuck.flags).toContainEqual(
      expect.objectContaining({ metric: 'reload_failed_requests', code: 'no_recovery' }),
    );
  });

  it('is not measured for other faults', () => {
    const result = computeVariant(variantRecord({ faults: [faultRecord(4000, { kind: 'restart' })] }), floor);
    expect(result.metrics.reload_ms).toBeNull();
    expect(result.metrics.reload_failed_requests).toBeNull();
  });
});

describe('hang_detect_ms, and restart_ms of a replaced hung instance', () => {
  it('fork: hang_detect = fault → hung; the kill is the exit; restarts counts its restart-scheduled once', () => {
    const v = variantRecord({
      app: { heartbeat_timeout: 1000 },
      events: [
        event('hung', 4980, { since_ms: 1000, timeout_ms: 1000, action: 'kill' }),
        event('exit', 5040, { signal: 'SIGKILL', code: null }),
        event('restart-scheduled', 5041, { restarts: 1 }),
        event('listening', 5200, { pid: 1001 }),
      ],
      faults: [faultRecord(4000, { kind: 'hang', path: '/hang' })],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics).toMatchObject({
      hang_detect_ms: 980,
      detect_ms: 1040,
      restart_ms: 160,
    });
    expect(result.metrics).toMatchObject({ hang_detect_ms: 980, restarts: 1 });
  });

  it('cluster: replaced before it exits, so restart counts from the unhealthy event; counted as a restart', () => {
    const v = variantRecord({
      events: [
        event('unhealthy', 4600, {
          path: '/health',
          failures: 3,
          error: 'GET /health answered 503',
          action: 'replace',
        }),
        event('spawn', 4601, { pid: 1001 }),
        event('listening', 4800, { pid: 1001 }),
        event('exit', 4900, { expected: true }),
      ],
      faults: [faultRecord(4000, { kind: 'freeze', duration_ms: 2000, instance: 0 })],
    });
    const result = computeVariant(v, floor);
    expect(result.faults[0]?.metrics).toMatchObject({
      hang_detect_ms: 600,
      detect_ms: null,
      restart_ms: 200,
    });
    expect(result.metrics.restarts).toBe(1);
  });

  it('a freeze nobody noticed: hang_detect null, flagged no_event', () => {
    const v = variantRecord({
      faults: [faultRecord(4000, { kind: 'freeze', duration_ms: 2000, instance: 0 })],
    });
    const result = computeVariant(v, floor);
    expect(result.metrics.hang_detect_ms).toBeNull();
    expect(result.faults[0]?.flags).toContainEqual(
      expect.objectContaining({ metric: 'hang_detect_ms', code: 'no_event' }),
    );
  });
});
