// Every process a test starts is registered here and ended by its PID after the test; tests then
// assert that none is left (no orphans, DEVELOPERS.md). Linux only: reads /proc.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI: tests run what users run (npm test builds first). */
export const BIN = `${ROOT}dist/cli/bin.js`;
export const FIXTURES = `${ROOT}test/fixtures/`;
export const SAMPLE_APPS = `${ROOT}sample-apps/`;

const tracked = new Set<number>();

/** Remembers a pid so cleanup() ends it (and its descendants) if the test did not. */
export function track(pid: number | undefined): void {
  if (pid) tracked.add(pid);
}

/** Spawns a tracked child with its stdout/stderr collected into strings. */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess & { output: () => string; errors: () => string } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  track(child.pid);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return Object.assign(child, { output: () => out, errors: () => err });
}

/** What a CLI run printed and how it ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; resolves once it exited and its output closed ('close': nothing left in the pipe). */
export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  const child = spawnTracked(process.execPath, [BIN, ...args], options);
  return new Promise((resolve) => {
    child.once('close', (code) => resolve({ code, stdout: child.output(), stderr: child.errors() }));
  });
}

/** True while the pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Every live descendant of pid (children, grandchildren, …), from /proc. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const result: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [child, parent] of parentOf) {
      if (parent === current && isAlive(child)) {
        result.push(child);
        queue.push(child);
      }
    }
  }
  return result;
}

/** Waits until every pid is gone; returns those still alive after the timeout. */
export async function waitGone(pids: number[], timeoutMs = 5000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(25);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** Ends every tracked process and its descendants by PID (SIGKILL); returns those that were still running. */
export async function cleanup(): Promise<number[]> {
  const all = new Set<number>();
  for (const pid of tracked) {
    for (const d of descendants(pid)) all.add(d);
    all.add(pid);
  }
  tracked.clear();
  const leftover = [...all].filter(isAlive);
  for (const pid of leftover) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await waitGone(leftover, 2000);
  return leftover;
}

/** Polls a condition every 20 ms until it holds; throws with `what` after the timeout. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | null,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
