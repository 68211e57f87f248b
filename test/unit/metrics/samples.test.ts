// The samples the statistical gate compares: per fault (timings ÷ the run's floor), per steady-state
// window, per run; a fault that never recovered is an infinitely long sample, not a missing one.
import { describe, expect, it } from 'vitest';
import { computeResults } from '../../../src/metrics/results.js';
import { variantSamples } from '../../../src/metrics/samples.js';
import { buckets, event, faultRecord, runRecord, variantRecord } from '../../helpers/records.js';

function results() {
  const v = variantRecord({
    buckets: buckets(0, 10_000, { rps: 1000 }),
    events: [
      event('exit', 4002, { pid: 1000 }),
      event('listening', 4122, { pid: 1001 }),
      event('exit', 7002, { pid: 1001 }),
      // the second replacement never listens: restart_ms is null, no_recovery
    ],
    faults: [
      faultRecord(4000, { kind: 'kill', signal: 'SIGKILL', instance: 0 }),
      faultRecord(7000, { kind: 'kill', signal: 'SIGKILL', instance: 0 }),
    ],
  });
  const r = {
    ...computeResults(runRecord([v], { floor: { boot_to_listening_ms: [58, 60, 62] } })),
    thresholds: [],
  };
  return variantSamples(r, r.variants[0]!);
}

describe('variantSamples', () => {
  it('one sample per fault, timings ÷ the median floor, an unrecovered restart as Infinity', () => {
    expect(results().get('restart_ms')).toEqual({
      values: [2, Number.POSITIVE_INFINITY],
      raw: [120, Number.POSITIVE_INFINITY],
      source: 'fault',
      floor_ratio: true,
    });
    expect(results().get('restart_p50_ms')?.values).toEqual([2, Number.POSITIVE_INFINITY]);
    // restart − floor (60 ms), not divided: a difference already; unbounded when the restart never finished
    expect(results().get('restart_overhead_ms')?.values).toEqual([60, Number.POSITIVE_INFINITY]);
  });

  it('one sample per steady-state 1 s window for throughput (4 s before the first fault)', () => {
    expect(results().get('throughput_rps')).toEqual({
      values: [1000, 1000, 1000, 1000],
      raw: [1000, 1000, 1000, 1000],
      source: 'window',
      floor_ratio: false,
    });
  });

  it('one sample per run for figures with no finer grain', () => {
    // (the record has no restart-scheduled events: the supervisor's own count is 0)
    expect(results().get('restarts')).toEqual({ values: [0], raw: [0], source: 'run', floor_ratio: false });
    // not measured (no resource samples) and not a failure to recover: no sample at all
    expect(results().get('peak_rss_mb')?.values).toEqual([]);
  });
});
