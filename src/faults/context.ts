// What a fault may touch while it runs: the supervisor's command channel, the app's URL, the live
// instances as the recorder knows them, and the run's AbortSignal. Faults never import the
// supervisor or the runner (STYLE.md layout); the runner hands them this context.
import type { ExecMode, FaultRecord, FaultSpec, NetworkToxic, SupervisorCommand } from '../types.js';

/** An instance that has a process right now (from the supervisor's events). */
export interface LiveInstance {
  instance: number;
  pid: number;
}

/** A dependency's real server, as the `dependency` fault drives it. */
export interface DependencyHandle {
  /** Stops the server; resolves when its process is gone. */
  stop(): Promise<void>;
  /**
   * Starts it again; resolves when it is ready. When `signal` aborts (the run is interrupted) it
   * stops waiting at once, ends the server by its pid and rejects.
   */
  start(signal: AbortSignal): Promise<void>;
}

/** A proxy a `network` fault puts a toxic on. */
export interface ToxicTarget {
  setToxic(toxic: NetworkToxic | null): Promise<void>;
}

/** Everything a fault needs from the run, so a fault is testable with a hand-made context. */
export interface FaultContext {
  /** The app's name in the supervisor (the target of commands). */
  app: string;
  exec_mode: ExecMode;
  /** Asks the supervisor (through the runner's Manager) to restart/reload/stop/scale; resolves when done. */
  command(command: SupervisorCommand): Promise<void>;
  /** http://127.0.0.1:<port><path> of the app under test. */
  url(path: string): string;
  /** The instances that have a process now, by index. */
  instances(): readonly LiveInstance[];
  /** Load start (epoch ms): time 0 of every fault's at_ms. */
  load_start: number;
  /** Aborted when the load phase ends or the run stops: a fault with a duration (freeze, leak, cpu) ends at once. */
  signal: AbortSignal;
  /**
   * Aborted when the run stops, or a grace period after the load ends: a supervisor command in
   * flight (a reload under way) gets its reply first, so the supervisor is never stopped mid-reload.
   */
  stop: AbortSignal;
  /** The scenario's dependency by name, or undefined. */
  dependency(name: string): DependencyHandle | undefined;
  /** The proxy in front of a dependency (its name) or of the app ('app'), or undefined. */
  proxy(target: string): ToxicTarget | undefined;
  /** [0, 1); Math.random unless a test fixes it. */
  random(): number;
}

/** A fault kind: carries out its spec and says what it did (never throws; failures go into the record). */
export type Fault<S extends FaultSpec = FaultSpec> = (spec: S, context: FaultContext) => Promise<FaultRecord>;
