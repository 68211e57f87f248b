import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChallengeResult } from '../../../src/types.js';
import { machineParallelism, PARALLEL } from '../../helpers/parallelism.js';
import { BIN, cleanup, descendants, spawnTracked, waitGone } from '../../helpers/processes.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

describe('resilab challenge', () => {
  it('shows the second request queueing behind the first with one instance, and not in a cluster', async () => {
    const out = await mkdtemp(join(tmpdir(), 'resilab-challenge-'));
    const child = spawnTracked(process.execPath, [
      BIN,
      'challenge',
      '--rounds',
      '3',
      '--no-curve',
      '--json',
      '--out',
      out,
    ]);
    const seen = new Set<number>();
    const code = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        if (child.pid) for (const pid of descendants(child.pid)) seen.add(pid);
      }, 50);
      child.once('close', (exitCode) => {
        clearInterval(timer);
        resolve(exitCode);
      });
    });
    expect(code, child.errors()).toBe(0);
    const result = JSON.parse(child.output()) as ChallengeResult;
    expect(result).toMatchObject({ loops: 10_000_000, requests: 2, rounds: 3 });
    const [single, cluster] = result.results;
    if (!single || !cluster) throw new Error('expected a single and a cluster result');
    expect(single).toMatchObject({ mode: 'single', instances: 1 });
    expect(cluster.mode).toBe('cluster');
    expect(cluster.instances).toBeGreaterThanOrEqual(2);
    expect(single.latencies_ms).toHaveLength(2);
    expect(single.pids).toHaveLength(1);
    expect(cluster.pids.length).toBeGreaterThanOrEqual(2);
    // One instance: the 2nd request waits for the 1st (about 2×); a cluster runs both at once.
    const singleRatio = (single.latencies_ms[1] as number) / (single.latencies_ms[0] as number);
    const clusterRatio = (cluster.latencies_ms[1] as number) / (cluster.latencies_ms[0] as number);
    expect(singleRatio).toBeGreaterThan(1.4);
    expect(clusterRatio).toBeLessThan(singleRatio);
    // Clearly less waiting, and sooner overall, only where the cores are free to run both loops at
    // once: judged against bare processes measured now, not a wall-clock absolute (a CI run measured
    // a cluster ratio of 1.44 against 1.80 for one instance once, just over the 0.8× margin).
    const parallelism = await machineParallelism();
    if (parallelism > PARALLEL) {
      expect(clusterRatio).toBeLessThan(singleRatio * 0.85);
      expect(result.speedup).toBeGreaterThan(1.2);
    } else
      console.log(
        `challenge: ratio ${clusterRatio.toFixed(2)} vs ${singleRatio.toFixed(2)} and speed-up ${result.speedup.toFixed(2)} not judged: bare parallelism ${parallelism.toFixed(2)}`,
      );
    expect(result.verdict[0]).toMatch(/^With one instance the 2nd request waited for the 1st/);
    // every app and supervisor the challenge started is gone
    expect(await waitGone([...seen])).toEqual([]);
    // The one writer wrote challenge.json (what --json printed), the reports and the chart, once;
    // `resilab report` re-renders them from challenge.json alone.
    const [stamp] = await readdir(join(out, 'challenge'));
    const written = join(out, 'challenge', stamp as string);
    expect((await readdir(written)).sort()).toEqual([
      'challenge.json',
      'charts',
      'report.html',
      'summary.md',
    ]);
    expect(await readdir(join(written, 'charts'))).toEqual(['challenge-latency.png']);
    expect(JSON.parse(await readFile(join(written, 'challenge.json'), 'utf8'))).toEqual(result);
    expect(child.errors()).toContain(`report: ${join(written, 'report.html')}`);
    const again = join(out, 'again');
    const report = spawnSync(
      process.execPath,
      [BIN, 'report', join(written, 'challenge.json'), '--out', again],
      {
        encoding: 'utf8',
      },
    );
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toContain('• With one instance the 2nd request waited for the 1st');
    for (const file of ['challenge.json', 'summary.md', 'report.html']) {
      expect(await readFile(join(again, file), 'utf8')).toBe(await readFile(join(written, file), 'utf8'));
    }
    await rm(out, { recursive: true, force: true });
  });

  it.each([
    [['--requests', '0'], '--requests: expected a whole number >= 1, got "0"'],
    [['--instances', '1'], '--instances: expected a whole number >= 2, got "1"'],
    [['--loops', 'lots'], '--loops: expected a whole number >= 1, got "lots"'],
  ])('refuses %j with exit 2', (args, message) => {
    const result = spawnSync(process.execPath, [BIN, 'challenge', ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
