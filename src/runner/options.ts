// What a caller of measureScenario passes (user input) and what it hears while a run goes on.
import type { LiveSink } from '../types.js';

/** Options of measureScenario; every field is optional. */
export interface MeasureOptions {
  /** Allow a scenario whose host is not loopback. */
  allowRemoteTarget?: boolean;
  /** Aborting it stops the run; what was measured is written with partial: true. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** $RESILAB_HOME for the supervisor; default a fresh temporary directory per run, removed after. */
  home?: string;
  /** Hears every bucket, probe, sample, event and fault as it happens (the live view). */
  onLive?: LiveSink;
}

export type Phase = 'floor' | 'boot' | 'warmup' | 'load' | 'stopping' | 'writing';

/** A snapshot of a run for a progress line: sent at each phase change and about once a second. */
export interface Progress {
  scenario: string;
  variant: string | null;
  /** 0-based index of the variant and how many there are. */
  variant_index: number;
  variants: number;
  phase: Phase;
  /** Time in this phase and its planned length (ms); total is null when it has no fixed length. */
  elapsed_ms: number;
  total_ms: number | null;
  /** 2xx responses per second over the last second of load. */
  rps: number;
  /** Failed requests (resets, timeouts, non-2xx) since load start. */
  errors: number;
  /** Unexpected exits of instances since the variant started. */
  restarts: number;
}
