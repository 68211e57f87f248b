// What a host needs from a supervisor: the Supervisor facade satisfies it as it is, and the daemon,
// `resilab runtime` and the tests all hand theirs over through this one shape.
import type { LogLine } from '../supervisor/log-router.js';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';

/** The supervisor's commands and its two event streams. */
export interface HostedSupervisor {
  start(apps: AppConfig[]): Promise<InstanceInfo[]>;
  list(): InstanceInfo[];
  restart(target: string, env?: Record<string, string>): Promise<void>;
  reload(target: string, env?: Record<string, string>): Promise<void>;
  stop(target: string): Promise<void>;
  delete(target: string): Promise<void>;
  scale(app: string, instances: number): Promise<void>;
  signal(app: string, instance: number, signal: string): void;
  shutdown(): Promise<void>;
  on(name: 'event', listener: (event: SupervisorEvent) => void): unknown;
  on(name: 'log', listener: (line: LogLine) => void): unknown;
}
