// `resilab compare` with the statistical gate, through the built CLI: recorded runs of 20 kills each
// (restart_ms samples), three trials a side, the current side's restarts 40 ms slower. The verdict, the
// effect and its interval must show in the table and in --json; a directory stands for its trials.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/metrics/compare.js';
import { computeResults } from '../../../src/metrics/results.js';
import type { SupervisorEvent } from '../../../src/types.js';
import { cleanup, runCli } from '../../helpers/processes.js';
import { event, faultRecord, runRecord, variantRecord } from '../../helpers/records.js';

/** 20 restart times around 150 ms (fixed, skewed like a busy machine's). */
const RESTARTS = [
  131, 135, 138, 140, 142, 143, 145, 146, 148, 150, 151, 153, 155, 158, 160, 163, 170, 178, 190, 240,
];

/** A results.json of 20 kills 400 ms apart, each restart `extra` ms slower than RESTARTS. */
function killRun(extra: number, jitter = 0) {
  const events: SupervisorEvent[] = [];
  const faults = RESTARTS.map((restart, i) => {
    const t = 1000 + i * 400;
    events.push(
      event('exit', t + 2, { pid: 2000 + i }),
      event('listening', t + 2 + restart + extra + jitter, { pid: 2001 + i }),
    );
    return faultRecord(t, { kind: 'kill', signal: 'SIGKILL', instance: 0 });
  });
  return { ...computeResults(runRecord([variantRecord({ events, faults })])), thresholds: [] };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-compare-stats-'));
  for (const [side, extra, jitters] of [
    ['base', 0, [0, 3, 1]],
    ['same', 0, [1, 2, 4]],
    ['slow', 40, [1, 2, 0]],
  ] as const) {
    for (const [trial, jitter] of [
      ['a', jitters[0]],
      ['b', jitters[1]],
      ['c', jitters[2]],
    ] as const) {
      await mkdir(join(dir, side, trial), { recursive: true });
      await writeFile(join(dir, side, trial, 'results.json'), JSON.stringify(killRun(extra, jitter)));
    }
  }
});
afterAll(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

describe('resilab compare: the statistical gate (the default)', () => {
  it('a restart 40 ms slower is a regression, shown with its median ratio, interval and p-value', async () => {
    const result = await runCli(['compare', join(dir, 'base'), join(dir, 'slow')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\s+restart_ms\s.*×1\.\d\d \[1\.\d\d–1\.\d\d\]\s+REGRESSION$/m);
    expect(result.stdout).toMatch(
      /^\s+single\.restart_ms: ratio 1\.\d\d \[1\.\d\d, 1\.\d\d\] \(95 %\), p [<=] [\d.]+ \(Holm [<=] [\d.]+ over \d+\), 3 vs 3 trials \(60 vs 60 fault samples\): regression$/m,
    );
    expect(result.stdout).toContain('Statistical gate:');
  });

  it('--json carries the verdict, the effect with its interval, the p-value and the sample counts', async () => {
    const slow = await runCli(['compare', join(dir, 'base'), join(dir, 'slow'), '--json']);
    const same = await runCli(['compare', join(dir, 'base'), join(dir, 'same'), '--json']);
    const single = await runCli(['compare', join(dir, 'base', 'a'), join(dir, 'slow', 'a'), '--json']);
    const row = (text: string, metric: string) =>
      (JSON.parse(text) as Comparison[]).find((r) => r.variant === 'single' && r.metric === metric);
    const restart = row(slow.stdout, 'restart_ms');
    expect(restart).toMatchObject({
      verdict: 'regression',
      gate: 'stats',
      regression: true,
      ratio_based: false,
      trials: { baseline: 3, current: 3 },
    });
    expect(restart?.samples).toEqual({ baseline: 60, current: 60, source: 'fault' });
    expect(restart?.effect?.low).toBeGreaterThan(1.1);
    expect(restart?.effect?.high).toBeGreaterThanOrEqual(restart?.effect?.estimate ?? Infinity);
    expect(restart?.p_holm).toBeLessThan(0.05);
    expect(row(same.stdout, 'restart_ms')).toMatchObject({ verdict: 'no change', regression: false });
    // One run a side shows nothing of how runs drift: the statistics refuse to guess.
    expect(row(single.stdout, 'restart_ms')).toMatchObject({ verdict: 'not enough data', regression: false });
    expect([slow.code, same.code, single.code]).toEqual([1, 0, 0]);
  });

  it('rejects a bad --gate or --min-effect with exit 2, naming the flag', async () => {
    const gate = await runCli(['compare', join(dir, 'same'), join(dir, 'slow'), '--gate', 'vibes']);
    const effect = await runCli(['compare', join(dir, 'same'), join(dir, 'slow'), '--min-effect', '0%']);
    expect([gate.code, effect.code]).toEqual([2, 2]);
    expect(gate.stderr).toContain('--gate: expected "stats" or "tolerance", got "vibes"');
    expect(effect.stderr).toContain('--min-effect: expected a percentage above 0');
  });
});
