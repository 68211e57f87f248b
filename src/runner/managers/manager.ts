// The seam between the runner and a supervisor: everything a run asks of "a supervisor", small
// and manager-neutral, so resilab's own, PM2 and bare Node can sit behind it alike.
import type { InstanceInfo, SupervisorCommand, SupervisorEvent } from '../../types.js';

/** What starting the app's variant takes. */
export interface ManagerStart {
  /** The variant's ecosystem file. */
  target: string;
  /** $RESILAB_HOME of the run. */
  home: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Every state change, as the runner's SupervisorEvent shapes. */
  onEvent?: (event: SupervisorEvent) => void;
  /** The supervisor's and the apps' output lines. */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

/** A started supervisor with the app's variant running under it. */
export interface Manager {
  /** The supervisor's own pid (sampled as `supervisor`, watched for a crash); null under bare node. */
  readonly pid: number | null;
  list(): Promise<InstanceInfo[]>;
  /** restart / reload / stop / scale; resolves when the supervisor has done it. */
  command(command: SupervisorCommand): Promise<void>;
  /** Sends a signal to one instance's process. */
  signal(target: string, instance: number, signal: string): Promise<void>;
  /** Stops every app and the supervisor; resolves when it is gone. */
  stop(): Promise<void>;
}

/** Starts a supervisor with the variant; resolves once every instance is up (or rejects, coded). */
export type StartManager = (options: ManagerStart) => Promise<Manager>;
