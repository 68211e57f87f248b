// What the control socket needs from a supervisor: the Supervisor facade satisfies it as it is, and
// the daemon, `resilab runtime` and the tests all hand theirs over through this one shape.
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';

/** One line an app wrote, as the supervisor reports it. */
export interface LogLine {
  app: string;
  instance: number;
  stream: 'out' | 'err';
  line: string;
}

/** The supervisor's commands and its two event streams. */
export interface ControlledSupervisor {
  start(apps: AppConfig[]): Promise<InstanceInfo[]>;
  list(): InstanceInfo[];
  restart(target: string): Promise<void>;
  reload(target: string): Promise<void>;
  stop(target: string): Promise<void>;
  delete(target: string): Promise<void>;
  scale(app: string, instances: number): Promise<void>;
  signal(app: string, instance: number, signal: string): void;
  shutdown(): Promise<void>;
  on(name: 'event', listener: (event: SupervisorEvent) => void): unknown;
  on(name: 'log', listener: (line: LogLine) => void): unknown;
}
