// The seam between the supervisor core and real processes: the core asks a Launcher for a process
// and drives the handle it gets back, so instance, engine and reload run against a fake in tests.
import type { AppConfig } from '../types.js';
import type { Probe } from './health-check.js';

/** What a launched process reports to its lifetime. */
export interface ChildHandlers {
  online(): void;
  listening(address: { address?: string; port?: number }): void;
  message(message: unknown): void;
  output(stream: 'out' | 'err', chunk: Buffer): void;
  /** The process's stdout and stderr have closed (after exit): nothing more will arrive. */
  outputEnd(): void;
  exit(code: number | null, signal: string | null): void;
}

/** A started process: its pid, how to talk to it, and (cluster) how to take it out of rotation. */
export interface ManagedChild {
  readonly pid: number;
  readonly startedAt: number;
  send(message: unknown): void;
  /** Cluster: the primary stops handing it connections and its servers close (drain). Fork: nothing. */
  disconnect(): void;
  kill(signal: NodeJS.Signals): void;
  /** The pids of the process's own children (an app's subprocesses), to end with it. */
  descendants(): number[];
}

/** Starts one process of an app (a fork child or a cluster worker) and wires its events to `on`. */
export interface Launcher {
  launch(app: AppConfig, instance: number, env: Record<string, string>, on: ChildHandlers): ManagedChild;
  /** How the health check reaches a process's private port (default: an HTTP GET on loopback). */
  probe?: Probe;
}
