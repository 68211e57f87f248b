// A hand-made challenge result (single: the 2nd request waited; cluster: both together), for the
// challenge's verdict, terminal and report tests.
import { summarizeMode } from '../../src/metrics/challenge.js';
import { verdict } from '../../src/metrics/challenge-verdict.js';
import type { ChallengeResult, RequestSample } from '../../src/types.js';

/** One answered request. */
export const sample = (latency_ms: number, pid: number): RequestSample => ({
  latency_ms,
  pid,
  server_ms: null,
  ok: true,
});

/** One instance: 12 then 24 ms (queued), pid 7. */
export const single = summarizeMode(
  'single',
  1,
  [{ samples: [sample(12, 7), sample(24, 7)], total_ms: 24.4 }],
  [12],
);

/** Two instances: 12.5 and 13 ms (together), pids 1 and 2. */
export const together = summarizeMode(
  'cluster',
  2,
  [{ samples: [sample(12.5, 1), sample(13, 2)], total_ms: 13.2 }],
  [12.4],
);

/** The whole result of those two modes on 2 CPUs, with a two-point scaling curve. */
export function challengeResult(over: Partial<ChallengeResult> = {}): ChallengeResult {
  return {
    kind: 'challenge',
    schemaVersion: 1,
    loops: 10_000_000,
    requests: 2,
    rounds: 1,
    cpus: 2,
    results: [single, together],
    speedup: 24.4 / 13.2,
    curve: [
      { instances: 1, rps: 80 },
      { instances: 2, rps: 155 },
    ],
    verdict: verdict(single, together, 2),
    warnings: [],
    environment: { node: 'v20.20.2', cpu_model: 'Test CPU', platform: 'linux' },
    ...over,
  };
}
