// What several benches share: a free port, percentiles, and the floor every restart figure is
// judged against: a bare fork() of the same app → its own "listening" line.
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { createServer } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds to one decimal. */
export const round = (ms) => Math.round(ms * 10) / 10;

/** One bare fork() of `app` → its own "listening" line, in ms. */
export async function floorOnce(app, port) {
  const start = performance.now();
  const child = fork(app, [], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  await new Promise((resolve) =>
    child.stdout.on('data', (c) => String(c).includes('listening') && resolve()),
  );
  const ms = performance.now() - start;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return ms;
}

/** One bare cluster.fork() of `app` (no agent) → the primary's 'listening' event: the cluster-mode floor. */
export async function clusterFloorOnce(app, port) {
  cluster.setupPrimary({ exec: app, args: [], execArgv: [], silent: true });
  const start = performance.now();
  const worker = cluster.fork({ PORT: String(port) });
  await new Promise((resolve) => worker.once('listening', resolve));
  const ms = performance.now() - start;
  const gone = new Promise((resolve) => worker.once('exit', resolve));
  worker.process.kill('SIGKILL');
  await gone;
  return ms;
}
