// The scenario's dependencies as one set: checked (executables) before anything runs, started before
// the variants, each back up before every variant, stopped and removed after the run.
import { LabError } from '../errors.js';
import type { DependencySpec } from '../types.js';
import { fill } from './output.js';
import { DependencyServer } from './server.js';
import { dependencyIdentity } from './user.js';

export { extraDirs, findExecutable, installHint, resolveExecutables } from './executable.js';
export { DependencyServer, STOP_TIMEOUT_MS } from './server.js';
export { dependencyIdentity, type Identity } from './user.js';

/** The servers of a run, by name. */
export class Dependencies {
  readonly #servers: Map<string, DependencyServer>;

  /** Resolves every executable first: a missing one throws RESILAB_E_DEPENDENCY_MISSING (exit 2). */
  constructor(specs: readonly DependencySpec[], ports: readonly number[]) {
    const identity = dependencyIdentity();
    this.#servers = new Map(
      specs.map((spec, i) => [spec.name, new DependencyServer(spec, ports[i] as number, identity)]),
    );
  }

  /** The server named `name`, or undefined. */
  get(name: string): DependencyServer | undefined {
    return this.#servers.get(name);
  }

  /** Every server, in the scenario's order. */
  all(): DependencyServer[] {
    return [...this.#servers.values()];
  }

  /** Starts every server that is not running (the first time, and again before each variant). */
  async up(signal?: AbortSignal): Promise<void> {
    for (const server of this.#servers.values()) {
      if (signal?.aborted)
        throw new LabError('RESILAB_E_INTERRUPTED', 'interrupted while starting dependencies');
      if (server.pid === null) await server.start(signal);
    }
  }

  /** Stops every server and removes its data; never throws. */
  async dispose(): Promise<void> {
    await Promise.all([...this.#servers.values()].map((s) => s.dispose().catch(() => {})));
  }
}

/** A dependency's env for the app: `{host}` and `{port}` are where the app reaches it (the proxy). */
export function dependencyEnv(spec: DependencySpec, port: number): Record<string, string> {
  const values = { host: '127.0.0.1', port: String(port), name: spec.name };
  return Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v, values)]));
}
