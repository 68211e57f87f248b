import { describe, expect, it } from 'vitest';
import { computeChallenge, median, summarizeMode } from '../../../src/metrics/challenge.js';
import { limits, verdict } from '../../../src/metrics/challenge-verdict.js';
import type { ChallengeRecord, RequestSample } from '../../../src/types.js';

const sample = (latency_ms: number, pid: number): RequestSample => ({
  latency_ms,
  pid,
  server_ms: null,
  ok: true,
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarizeMode', () => {
  it('sorts each round fastest first and takes the median per position', () => {
    const single = summarizeMode(
      'single',
      1,
      [
        { samples: [sample(24, 7), sample(12, 7)], total_ms: 24.5 },
        { samples: [sample(11, 7), sample(25, 7)], total_ms: 25.5 },
        { samples: [sample(13, 7), sample(23, 7)], total_ms: 23.5 },
      ],
      [12, 11, 13],
    );
    expect(single.latencies_ms).toEqual([12, 24]);
    expect(single.total_ms).toBe(24.5);
    expect(single.lone_ms).toBe(12);
    expect(single.pids).toEqual([7]);
    expect(single.shared_rounds).toBe(3);
  });

  it('counts the rounds where one worker answered two requests', () => {
    const cluster = summarizeMode(
      'cluster',
      2,
      [
        { samples: [sample(12, 1), sample(13, 2)], total_ms: 13 },
        { samples: [sample(12, 1), sample(24, 1)], total_ms: 24 },
      ],
      [12],
    );
    expect(cluster.pids).toEqual([1, 2]);
    expect(cluster.shared_rounds).toBe(1);
  });
});

describe('verdict', () => {
  const single = summarizeMode(
    'single',
    1,
    [{ samples: [sample(12, 7), sample(24, 7)], total_ms: 24.4 }],
    [12],
  );
  const together = summarizeMode(
    'cluster',
    2,
    [{ samples: [sample(12.5, 1), sample(13, 2)], total_ms: 13.2 }],
    [12.4],
  );

  it('says the 2nd request waited for the 1st and both finished together in a cluster', () => {
    const lines = verdict(single, together, 2);
    expect(lines[0]).toBe(
      'With one instance the 2nd request waited for the 1st: 2.0× slower (24.0 ms vs 12.0 ms).',
    );
    expect(lines[1]).toBe('In cluster mode (2 instances) both finished together (12.5 ms to 13.0 ms).');
    expect(lines[2]).toContain('1.8× sooner');
  });

  it('says "later", not a speed-up below 1, when the cluster was slower', () => {
    const slow = summarizeMode(
      'cluster',
      2,
      [{ samples: [sample(30, 1), sample(31, 2)], total_ms: 36.6 }],
      [30],
    );
    expect(verdict(single, slow, 2)[2]).toBe(
      'All answers arrived 1.5× later in cluster mode (36.6 ms vs 24.4 ms for one instance): other work held the cores.',
    );
  });

  it('says when the cluster still queued', () => {
    const queued = summarizeMode(
      'cluster',
      2,
      [{ samples: [sample(12, 1), sample(24, 1)], total_ms: 24 }],
      [12],
    );
    expect(verdict(single, queued, 2)[1]).toContain('still queued');
  });

  it('is honest when there are more requests or instances than cores', () => {
    const warnings = limits(4, 4, 2, together);
    expect(warnings[0]).toContain('bounded by the cores (2), not by the instances (4)');
    expect(warnings[1]).toContain('4 instances on 2 cores');
    expect(limits(2, 2, 2, together)).toEqual([]);
    expect(limits(2, 2, 2, together, 0.9)).toEqual([]);
    expect(limits(2, 2, 2, together, 6.2)[0]).toContain('load average 6.2 on 2 cores');
  });
});

describe('computeChallenge', () => {
  const record: ChallengeRecord = {
    kind: 'challenge',
    loops: 10_000_000,
    requests: 2,
    rounds: 1,
    instances: 2,
    cpus: 2,
    load_average: 0,
    started_at: 0,
    modes: [
      {
        mode: 'single',
        instances: 1,
        rounds: [{ samples: [sample(24, 7), sample(12, 7)], total_ms: 24.4 }],
        lone_ms: [12],
      },
      {
        mode: 'cluster',
        instances: 2,
        rounds: [{ samples: [sample(13, 2), sample(12.5, 1)], total_ms: 12.2 }],
        lone_ms: [12.4],
      },
    ],
    curve: [
      { instances: 1, ok_2xx: 120, duration_ms: 1500 },
      { instances: 2, ok_2xx: 240, duration_ms: 1600 },
    ],
    environment: { node: 'v20', cpu_model: 'Test CPU', platform: 'linux' },
  };

  it('turns the record into medians, the speed-up, the curve in req/s and the verdict', () => {
    const result = computeChallenge(record);
    expect(result).toMatchObject({
      kind: 'challenge',
      schemaVersion: 1,
      loops: 10_000_000,
      requests: 2,
      cpus: 2,
    });
    expect(result.results.map((mode) => mode.latencies_ms)).toEqual([
      [12, 24],
      [12.5, 13],
    ]);
    expect(result.speedup).toBeCloseTo(2, 5);
    expect(result.curve).toEqual([
      { instances: 1, rps: 80 },
      { instances: 2, rps: 150 },
    ]);
    expect(result.verdict[0]).toMatch(/^With one instance the 2nd request waited for the 1st/);
    expect(result.warnings).toEqual([]);
  });

  it('warns from the record: a busy machine at the start', () => {
    expect(computeChallenge({ ...record, load_average: 3 }).warnings[0]).toContain(
      'load average 3.0 on 2 cores',
    );
  });
});
