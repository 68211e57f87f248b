// The challenge's record → the figures it reports (medians per position, speed-up, the curve's
// requests/s, the verdict and the limits). Pure.
import type {
  ChallengeRecord,
  ChallengeResult,
  CurvePoint,
  CurveSample,
  ModeResult,
  RequestSample,
} from '../types.js';
import { limits, verdict } from './challenge-verdict.js';

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Summarises one mode's rounds: medians per position (fastest first), the total, the pids. */
export function summarizeMode(
  mode: ModeResult['mode'],
  instances: number,
  rounds: { samples: RequestSample[]; total_ms: number }[],
  lone: number[],
): ModeResult {
  const sortedRounds = rounds.map((round) => [...round.samples].sort((a, b) => a.latency_ms - b.latency_ms));
  const width = Math.max(0, ...sortedRounds.map((round) => round.length));
  const latencies: number[] = [];
  for (let position = 0; position < width; position++) {
    latencies.push(median(sortedRounds.flatMap((round) => round[position]?.latency_ms ?? [])));
  }
  const pids: number[] = [];
  let shared = 0;
  for (const round of sortedRounds) {
    const inRound = round.flatMap((sample) => (sample.pid === null ? [] : [sample.pid]));
    if (new Set(inRound).size < inRound.length) shared++;
    for (const pid of inRound) if (!pids.includes(pid)) pids.push(pid);
  }
  return {
    mode,
    instances,
    latencies_ms: latencies,
    total_ms: median(rounds.map((round) => round.total_ms)),
    lone_ms: median(lone),
    pids,
    shared_rounds: shared,
    rounds: sortedRounds,
  };
}

/** One curve point's requests/s: its 2xx answers over the load's measured duration. */
export function curvePoint(sample: CurveSample): CurvePoint {
  return { instances: sample.instances, rps: sample.ok_2xx / (sample.duration_ms / 1000) };
}

/** The whole challenge's figures from what the runner measured. */
export function computeChallenge(record: ChallengeRecord): ChallengeResult {
  const [singleRecord, clusterRecord] = record.modes;
  if (!singleRecord || !clusterRecord)
    throw new Error('a challenge record holds a single and a cluster mode');
  const single = summarizeMode('single', singleRecord.instances, singleRecord.rounds, singleRecord.lone_ms);
  const cluster = summarizeMode(
    'cluster',
    clusterRecord.instances,
    clusterRecord.rounds,
    clusterRecord.lone_ms,
  );
  return {
    kind: 'challenge',
    schemaVersion: 1,
    loops: record.loops,
    requests: record.requests,
    rounds: record.rounds,
    cpus: record.cpus,
    results: [single, cluster],
    speedup: single.total_ms / cluster.total_ms,
    curve: record.curve.map(curvePoint),
    verdict: verdict(single, cluster, record.cpus),
    warnings: limits(record.requests, record.instances, record.cpus, cluster, record.load_average),
    environment: record.environment,
  };
}
