// Starts sample-apps/http-app.js with plain `node` on a free port, tracked for cleanup, and
// resolves once it printed that it listens (a message, not a sleep).
import type { ChildProcess } from 'node:child_process';
import type { LoadSpec } from '../../../src/types.js';
import { freePort, SAMPLE_APPS, spawnTracked, waitFor } from '../../helpers/processes.js';

export interface RunningApp {
  child: ChildProcess & { output: () => string };
  port: number;
  url: string;
}

/** http-app on `port` (a free one by default), listening. */
export async function startHttpApp(port?: number): Promise<RunningApp> {
  const chosen = port ?? (await freePort());
  const child = spawnTracked(process.execPath, [`${SAMPLE_APPS}http-app.js`], {
    env: { ...process.env, PORT: String(chosen), HOST: '127.0.0.1' },
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`http-app exited (${code}): ${child.errors()}`)));
  });
  const listening = waitFor('http-app listening', () => child.output().includes('listening'));
  await Promise.race([listening, exited]);
  exited.catch(() => {});
  return { child, port: chosen, url: `http://127.0.0.1:${chosen}/` };
}

/** Resolves when the child has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Ends the app by its pid and waits for its exit. */
export async function stopApp(app: RunningApp): Promise<void> {
  const gone = exited(app.child);
  app.child.kill('SIGKILL');
  await gone;
}

/** A load spec for tests: a few connections, short, keep-alive, as fast as possible. */
export function spec(overrides: Partial<LoadSpec> = {}): LoadSpec {
  return {
    path: '/',
    method: 'GET',
    connections: 8,
    duration_ms: 1500,
    warmup_ms: 0,
    pipelining: 1,
    rate: null,
    timeout_ms: 2000,
    ...overrides,
  };
}
