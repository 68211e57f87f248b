// The 10-million-loop challenge as data: what `resilab challenge --json` prints and the report draws.

/** One request of one round: how long the client waited and which process answered. */
export interface RequestSample {
  latency_ms: number;
  /** The answering process, from the x-pid header (null when the request failed). */
  pid: number | null;
  /** The time the loop took inside the server (its own measure), or null. */
  server_ms: number | null;
  ok: boolean;
}

/** One mode (single or cluster), summarised over its rounds. */
export interface ModeResult {
  mode: 'single' | 'cluster';
  instances: number;
  /** Median, per position, of each round's latencies sorted fastest first. */
  latencies_ms: number[];
  /** Median over rounds of first request sent → last answer received. */
  total_ms: number;
  /** Median of a lone request's latency (nothing else running): the cost of one loop here. */
  lone_ms: number;
  /** Every pid that answered, in order of first appearance. */
  pids: number[];
  /** Rounds in which two or more requests were answered by the same pid. */
  shared_rounds: number;
  rounds: RequestSample[][];
}

/** Instances against requests/s on /cpu: how throughput scales with instances on this machine. */
export interface CurvePoint {
  instances: number;
  rps: number;
}

export interface ChallengeResult {
  loops: number;
  requests: number;
  rounds: number;
  cpus: number;
  results: ModeResult[];
  /** Single total_ms / cluster total_ms. */
  speedup: number;
  curve: CurvePoint[];
  verdict: string[];
  warnings: string[];
  environment: { node: string; cpu_model: string; platform: string };
}
