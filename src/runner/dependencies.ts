// A run's dependencies as the runner uses them: each real server behind resilab's TCP proxy, the
// env that points the app at the proxy, and what faults drive (stop/start, toxics). Before every
// variant each server is up and no toxic is left, so variants start from the same state.
import { Dependencies, dependencyEnv } from '../dependencies/index.js';
import type { DependencyHandle, ToxicTarget } from '../faults/index.js';
import { TcpProxy } from '../proxy/index.js';
import type { Scenario } from '../types.js';
import { freePort } from './port.js';

/** What the runner, the variants and the faults use of the dependencies. */
export interface RunDependencies {
  /** DATABASE_URL and the like, pointing at the proxies. */
  env: Record<string, string>;
  handle(name: string): DependencyHandle | undefined;
  proxy(name: string): ToxicTarget | undefined;
  /** Every server up, every toxic removed. */
  reset(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Checks the executables (throws RESILAB_E_DEPENDENCY_MISSING) before anything is started. */
export async function prepareDependencies(scenario: Scenario): Promise<Dependencies | null> {
  if (scenario.dependencies.length === 0) return null;
  const ports = await Promise.all(scenario.dependencies.map(() => freePort()));
  return new Dependencies(scenario.dependencies, ports);
}

/** Starts every server and its proxy; on failure everything started is stopped again. */
export async function startDependencies(
  scenario: Scenario,
  set: Dependencies,
  signal: AbortSignal,
): Promise<RunDependencies> {
  const proxies = new Map<string, TcpProxy>();
  const close = async () => {
    await Promise.all([...proxies.values()].map((p) => p.close()));
    await set.dispose();
  };
  try {
    await set.up(signal);
    for (const server of set.all())
      proxies.set(server.spec.name, await TcpProxy.start({ upstreamPort: server.port }));
  } catch (error) {
    await close();
    throw error;
  }
  const env: Record<string, string> = {};
  for (const spec of scenario.dependencies)
    Object.assign(env, dependencyEnv(spec, (proxies.get(spec.name) as TcpProxy).port));
  return {
    env,
    handle: (name) => {
      const server = set.get(name);
      return server && { stop: () => server.stop(), start: (s) => server.start(s) };
    },
    proxy: (name) => proxies.get(name),
    async reset(s) {
      for (const proxy of proxies.values()) await proxy.setToxic(null);
      await set.up(s);
    },
    close,
  };
}
