// Helpers for the daemon's integration tests: run the built CLI against a temporary RESILAB_HOME,
// learn the daemon's pid (so cleanup() ends it), and probe an app with fresh connections.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { type CliResult, cleanup, runCli, track } from './processes.js';

export type { CliResult };

/** Runs `resilab <args>` with RESILAB_HOME=home in cwd and waits for it to end; learns the daemon's pid. */
export async function cli(
  home: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const result = await runCli(args, { cwd, env: { ...process.env, ...env, RESILAB_HOME: home } });
  trackDaemon(home);
  return result;
}

/**
 * A fresh temporary folder (and RESILAB_HOME inside it) for each test; after it, every process is
 * ended, the folder removed, and the test fails if any process was still running.
 */
export function withTempHome(prefix: string, use: (dir: string, home: string) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    use(dir, join(dir, 'home'));
  });
  afterEach(async () => {
    const left = await cleanup();
    rmSync(dir, { recursive: true, force: true });
    expect(left).toEqual([]);
  });
}

/** The process list of `list --json`. */
export async function listJson(
  home: string,
  cwd: string,
): Promise<{ app: string; id: number; pid: number | null; state: string; restarts: number }[]> {
  const result = await cli(home, ['list', '--json'], cwd);
  if (result.code !== 0) throw new Error(`list failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Registers the daemon named by the home's pid file with cleanup(); returns its pid or null. */
export function trackDaemon(home: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(`${home}/daemon.pid`, 'utf8'), 10);
    if (pid > 0) track(pid);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Every live daemon process serving `home` (its command line is `node …/daemon/main.js <home>`). */
export function daemonsOf(home: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((arg) => arg.endsWith('daemon/main.js')) && argv.includes(home))
        found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** One GET on a fresh connection: true for a 2xx. */
export function probe(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Probes at a fixed interval (fresh connection each) until `until` settles; counts outcomes. */
export async function probeDuring(
  port: number,
  until: Promise<unknown>,
  intervalMs = 10,
): Promise<{ ok: number; failed: number }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const counts = { ok: 0, failed: 0 };
  while (!done) {
    const started = Date.now();
    if (await probe(port)) counts.ok++;
    else counts.failed++;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
  }
  return counts;
}
