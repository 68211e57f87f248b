// Rounds of simultaneous requests → the figures the challenge reports. Pure.
import type { ModeResult, RequestSample } from './types.js';

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
