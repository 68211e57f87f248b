// `resilab runtime` as PID 1 of a new PID namespace (as in a container): an app's orphaned
// grandchildren are reaped (no zombie), and SIGTERM to PID 1 stops every app within kill_timeout
// and ends with the exit code that says an instance had to be killed. Needs root (unshare) and tini.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BIN,
  cleanup,
  descendants,
  FIXTURES,
  spawnTracked,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';

const KILL_TIMEOUT_MS = 1500;

/** The pid a host process has inside its PID namespace (last NSpid field). */
function nsPid(hostPid: number): number | null {
  try {
    const line = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${hostPid}/status`, 'utf8'))?.[1];
    return line ? Number(line.trim().split(/\s+/).at(-1)) : null;
  } catch {
    return null;
  }
}

const comm = (pid: number): string => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
const parentOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

afterEach(async () => {
  await cleanup();
});

describe.skipIf(process.getuid?.() !== 0)('resilab runtime as PID 1 (unshare --pid)', () => {
  it('reaps the orphans of an app, and SIGTERM stops every app within kill_timeout (exit 137: killed)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'resilab-pid1-'));
    const events = join(home, 'events.jsonl');
    const ns = spawnTracked(
      'unshare',
      [
        '--pid',
        '--fork',
        '--mount-proc',
        process.execPath,
        BIN,
        'runtime',
        `${FIXTURES}apps/orphans-a-grandchild.js`,
      ].concat(['-i', '2', '--kill-timeout', String(KILL_TIMEOUT_MS), '--events', events]),
      { env: { ...process.env, RESILAB_HOME: home } },
    );
    const exited = new Promise<number | null>((resolve) => ns.once('exit', (code) => resolve(code)));
    try {
      const orphans = await waitFor('two orphans reported', () => {
        const found = [...ns.output().matchAll(/orphan (\d+)/g)].map((m) => Number(m[1]));
        return found.length === 2 ? found : null;
      });
      const inside = descendants(ns.pid as number);
      const pid1 = inside.find((p) => nsPid(p) === 1) as number;
      expect(comm(pid1)).toBe('node');
      const hostOrphans = orphans.map((o) => inside.find((p) => nsPid(p) === o) as number);
      expect(hostOrphans.every((p) => p !== undefined)).toBe(true);
      // Adopted by tini, the subreaper PID 1 runs the supervisor under, not by PID 1's node.
      for (const p of hostOrphans) expect(comm(parentOf(p))).toBe('tini');

      for (const p of hostOrphans) process.kill(p, 'SIGKILL');
      // Reaped: the pid is gone from /proc, not left as a zombie (state Z) until the container ends.
      await waitFor('the orphans reaped', () => hostOrphans.every((p) => !existsSync(`/proc/${p}`)), 5000);

      const started = Date.now();
      process.kill(pid1, 'SIGTERM');
      const code = await exited;
      const elapsed = Date.now() - started;
      expect(code).toBe(137); // an instance ignored the stop and was SIGKILLed after kill_timeout
      expect(await waitGone(inside)).toEqual([]);
      const lines = readFileSync(events, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const stopped = lines.filter((e) => e.type === 'stopped');
      expect(stopped.map((e) => e.instance).sort()).toEqual([0, 1]);
      expect(stopped.every((e) => e.forced && e.duration_ms >= KILL_TIMEOUT_MS)).toBe(true);
      // Within kill_timeout (+ the time to start and end a few processes on a busy box).
      expect(elapsed).toBeLessThan(KILL_TIMEOUT_MS + 3000);
      expect(ns.errors()).toContain('SIGTERM: stopping every app');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
