import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Results } from '../../../src/types.js';
import {
  BIN,
  cleanup,
  descendants,
  FIXTURES,
  spawnTracked,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';

let out = '';
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'resilab-run-test-'));
});
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(out, { recursive: true, force: true });
});

/** Starts `resilab run <args> --out <tmp>` as a tracked child. */
function run(args: string[]) {
  const child = spawnTracked(process.execPath, [BIN, 'run', ...args, '--out', out]);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited };
}

/** The results.json files written under the output directory. */
function resultsFiles(): string[] {
  return readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('results.json'))
    .map((f) => join(out, f));
}

function readResults(): Results {
  const files = resultsFiles();
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(files[0] as string, 'utf8')) as Results;
}

/** The parent pid of a process, from /proc. */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Pids whose /proc state is T (stopped by SIGSTOP). */
function stoppedAmong(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'T';
    } catch {
      return false;
    }
  });
}

describe('resilab run', () => {
  it('crash-recovery --quick: the single instance goes down and is restarted, the cluster goes down less', async () => {
    const { child, exited } = run(['crash-recovery', '--quick', '--json']);
    const code = await exited;
    const results = JSON.parse(child.output()) as Results;
    // the scenario's thresholds decide between 0 and 1; anything else is a failed run
    expect(code, child.errors()).toBe(results.thresholds.some((t) => !t.pass) ? 1 : 0);
    expect(results.partial).toBe(false);
    expect(results.floor?.boot_to_listening_ms).toHaveLength(3);
    const [single, cluster] = results.variants;
    expect(single?.name).toBe('single');
    expect(cluster?.name).toBe('cluster');
    for (const v of [single, cluster]) {
      expect(v?.faults).toHaveLength(1);
      expect(v?.faults[0]?.ok, v?.faults[0]?.error ?? '').toBe(true);
      const crash = v?.events.find((e) => e.type === 'exit' && !e.expected);
      expect(crash).toBeDefined();
      expect(crash?.t ?? 0).toBeGreaterThanOrEqual(v?.faults[0]?.t ?? Infinity);
      // the supervisor restarted it: a new process of that instance listened after the crash
      const replaced = v?.events.find(
        (e) => e.type === 'listening' && e.t > (crash?.t ?? 0) && e.instance === crash?.instance,
      );
      expect(replaced?.pid).not.toBe(crash?.pid);
      expect(v?.metrics.restarts).toBeGreaterThanOrEqual(1);
    }
    expect(single?.metrics.downtime_ms ?? 0).toBeGreaterThan(0);
    const downtimes = `single ${single?.metrics.downtime_ms} ms, cluster ${cluster?.metrics.downtime_ms} ms`;
    expect(cluster?.metrics.downtime_ms ?? Infinity, downtimes).toBeLessThan(
      single?.metrics.downtime_ms ?? 0,
    );
    expect(resultsFiles()).toHaveLength(1);
  });

  it('reloads 2 cluster instances of an app with no shutdown code under load with zero failed requests', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/reload-bare.yaml'), '--json']);
    expect(await exited, child.errors()).toBe(0);
    const variant = (JSON.parse(child.output()) as Results).variants[0];
    const reload = variant?.faults[0];
    expect(reload?.kind).toBe('reload');
    expect(reload?.ok, reload?.error ?? '').toBe(true);
    expect(variant?.events.some((e) => e.type === 'reload-end' && e.ok)).toBe(true);
    // it began under load (a reload that outlasts the load is waited for, never cut short)
    const begin = variant?.events.find((e) => e.type === 'reload-begin');
    expect(begin?.t ?? Infinity).toBeLessThan(variant?.timeline.phases.load_end ?? 0);
    // both instances were replaced: 2 expected exits during the reload
    expect(
      variant?.events.filter((e) => e.type === 'exit' && e.expected && e.t < (reload?.t_end ?? 0)),
    ).toHaveLength(2);
    expect(variant?.loadgen?.requests ?? 0).toBeGreaterThan(1000);
    expect(variant?.metrics.failed_requests).toBe(0);
  });

  it('carries out cpu, leak, kill, freeze, scale and boot-crash faults in one cluster run', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/all-faults.yaml'), '--json']);
    expect(await exited, child.errors()).toBe(0);
    const v = (JSON.parse(child.output()) as Results).variants[0];
    const kinds = v?.faults.map((f) => f.kind);
    expect(kinds).toEqual(['cpu', 'leak', 'kill', 'freeze', 'scale', 'boot-crash']);
    for (const f of v?.faults ?? []) expect(f.ok, `${f.kind}: ${f.error}`).toBe(true);
    const events = v?.events ?? [];
    const fault = (kind: string) => v?.faults.find((f) => f.kind === kind);
    // leak: an instance crossed max_memory_restart and was replaced
    expect(events.some((e) => e.type === 'memory-limit')).toBe(true);
    // kill: the SIGTERMed instance exited without the supervisor asking, and was started again
    const killed = fault('kill')?.targets[0]?.pid;
    expect(events.find((e) => e.type === 'exit' && e.pid === killed)).toMatchObject({ expected: false });
    // freeze: held for its duration, then continued (libuv's timers run on a whole-millisecond
    // clock, so a 400 ms hold can measure 399.94 ms on the precise one: a CI run did)
    const freeze = fault('freeze');
    expect((freeze?.t_end ?? 0) - (freeze?.t ?? 0)).toBeGreaterThan(399);
    // scale: 2 → 3
    expect(events.find((e) => e.type === 'scale')).toMatchObject({ from: 2, to: 3 });
    // boot-crash: the bad deploy's reload failed and the old instances kept serving
    const end = events.find((e) => e.type === 'reload-end');
    expect(end).toMatchObject({ ok: false });
    expect(v?.warnings.some((w) => w.startsWith('a reload failed and kept the old instances'))).toBe(true);
    // the old instances kept answering through the bad deploy, to the end of the load (the failed
    // reload itself may outlast the load on a busy machine)
    const deployed = fault('boot-crash')?.t ?? Infinity;
    const after = v?.timeline.probes.filter((p) => p.t_start > deployed) ?? [];
    expect(after.filter((p) => p.ok).length).toBeGreaterThan(0);
    expect(after.at(-1)?.ok).toBe(true);
  });

  it('stops everything on SIGINT, continues a frozen instance, exits 130 and writes partial results', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/long.yaml')]);
    const pid = child.pid as number;
    // the freeze fault fired: one of the app's processes is stopped (SIGSTOP)
    const frozen = await waitFor(
      'a frozen instance',
      () => stoppedAmong(descendants(pid)).length > 0,
      30_000,
    );
    expect(frozen).toBe(true);
    const started = descendants(pid);
    expect(started.length).toBeGreaterThanOrEqual(3); // supervisor + 2 workers
    child.kill('SIGINT');
    expect(await exited, child.errors()).toBe(130);
    expect(await waitGone(started, 5000)).toEqual([]);
    const results = readResults();
    expect(results.partial).toBe(true);
    const variant = results.variants[0];
    expect(variant?.partial).toBe(true);
    const freeze = variant?.faults.find((f) => f.kind === 'freeze');
    // ended by the interruption, long before its 40 s, with SIGCONT sent
    expect(freeze?.t_end).not.toBeNull();
    expect((freeze?.t_end ?? Infinity) - (freeze?.t ?? 0)).toBeLessThan(20_000);
    expect(variant?.events.some((e) => e.type === 'stopped' && e.forced)).toBe(false);
  });

  it('leaves no process behind when the runner itself is SIGKILLed, even a frozen instance', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/long.yaml')]);
    const pid = child.pid as number;
    await waitFor('a frozen instance', () => stoppedAmong(descendants(pid)).length > 0, 30_000);
    const started = descendants(pid);
    expect(started.length).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await exited;
    // the supervisor sees its IPC channel close and stops its apps (SIGKILL after kill_timeout)
    expect(await waitGone(started, 10_000)).toEqual([]);
  });

  it('ends the run with exit 3 when the supervisor dies during the load, leaving no process behind', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/long.yaml')]);
    const pid = child.pid as number;
    await waitFor('a frozen instance', () => stoppedAmong(descendants(pid)).length > 0, 30_000);
    const started = descendants(pid);
    const supervisor = started.find((p) => parentOf(p) === pid) as number;
    expect(supervisor).toBeDefined();
    process.kill(supervisor, 'SIGKILL');
    expect(await exited, child.errors()).toBe(3);
    expect(child.errors()).toContain(`the supervisor (pid ${supervisor}) exited during the load`);
    expect(child.errors()).toContain('RESILAB_E_SUPERVISOR');
    expect(await waitGone(started, 10_000)).toEqual([]);
    expect(readResults().partial).toBe(true);
  });

  it('rejects a bad scenario with exit 2, naming the field and the value, and runs nothing', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/bad.yaml')]);
    expect(await exited).toBe(2);
    expect(child.errors()).toMatch(/faults\[0\]\.at/);
    expect(child.errors()).toContain('"soon"');
    expect(resultsFiles()).toEqual([]);
  });

  it('exits 2 for a scenario name that is neither a file nor a built-in', async () => {
    const { child, exited } = run(['no-such-scenario']);
    expect(await exited).toBe(2);
    expect(child.errors()).toContain('"no-such-scenario"');
  });

  it('exits 3 with the app log lines when the app never listens, and writes partial results', async () => {
    const { child, exited } = run([join(FIXTURES, 'runner/never-listens.yaml')]);
    expect(await exited).toBe(3);
    expect(child.errors()).toContain('RESILAB_E_NOT_READY');
    expect(child.errors()).toContain('CRASH_ON_BOOT=1: this deploy fails on start');
    expect(readResults().partial).toBe(true);
  });
});
