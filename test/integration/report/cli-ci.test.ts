// `resilab ci` through the built CLI: one real, short run (test/fixtures/ci/smoke.yaml) compared
// with a baseline that was much faster, so the exit code comes from the regression alone; and the
// preset's crash loop (scenarios/ci/crash-loop.yaml) beside a deliberately failing threshold.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Results, SupervisorEvent } from '../../../src/types.js';
import { markupProblems } from '../../helpers/markup.js';
import { BIN, cleanup, FIXTURES, ROOT, spawnTracked } from '../../helpers/processes.js';
import { fixture } from '../../helpers/results.js';

type Of<T extends SupervisorEvent['type']> = Extract<SupervisorEvent, { type: T }>;

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-cli-ci-'));
});
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTracked(process.execPath, [BIN, ...args], {
    env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: child.output(), stderr: child.errors() }));
  });
}

/** A baseline of the smoke scenario whose throughput no real run reaches. */
async function fastBaseline(): Promise<string> {
  const baseline = fixture('crash-recovery');
  baseline.scenario.name = 'ci-smoke';
  baseline.variants = baseline.variants.filter((v) => v.name === 'single');
  const single = baseline.variants[0];
  if (!single) throw new Error('fixture');
  single.metrics.throughput_rps = 10_000_000;
  const file = join(dir, 'baseline.json');
  await writeFile(file, JSON.stringify(baseline));
  return file;
}

describe('resilab ci', () => {
  it('runs the scenarios, writes reports, JUnit and Markdown, and exits 1 on a regression', async () => {
    const baseline = await fastBaseline();
    const out = join(dir, 'reports');
    const junit = join(dir, 'junit', 'resilab.xml');
    const summary = join(dir, 'step-summary.md');
    const result = await cli(
      // One 1 s run has one throughput window: the tolerance gate (one figure a side) decides here.
      [
        'ci',
        '--scenarios',
        `${FIXTURES}ci`,
        '--baseline',
        baseline,
        '--junit',
        junit,
        '--out',
        out,
        '--tolerance',
        '20%',
        // One trial: the tolerance gate needs no repeats (the statistical gate's default is more).
        '--trials',
        '1',
      ],
      { GITHUB_STEP_SUMMARY: summary },
    );
    expect(result.stderr).not.toContain('resilab:');
    expect(result.code).toBe(1);
    const runs = await readdir(join(out, 'ci-smoke'));
    expect(runs).toHaveLength(1);
    const files = await readdir(join(out, 'ci-smoke', runs[0] ?? ''));
    expect(files.sort()).toEqual(['charts', 'report.html', 'results.json', 'summary.md']);
    const xml = await readFile(junit, 'utf8');
    expect(markupProblems(xml, 'xml')).toEqual([]);
    // The two thresholds pass; the comparison fails on throughput only.
    expect(xml).toContain('<testsuite name="resilab.ci-smoke" tests="2" failures="0"');
    expect(xml).toMatch(
      /<testcase classname="resilab\.compare\.ci-smoke\.single" name="single\.throughput_rps vs baseline" time="0">\s*<failure/,
    );
    const markdown = await readFile(join(out, 'ci-summary.md'), 'utf8');
    expect(markdown).toContain('## resilab ci: ❌ failed (1 scenario)');
    expect(markdown).toContain('- ci-smoke: single.throughput_rps:');
    const step = await readFile(summary, 'utf8');
    expect(step).toContain('## resilab: ci-smoke');
    expect(step).toContain('## resilab ci: ❌ failed');
    expect(result.stdout).toContain(`JUnit: ${junit}`);
  });

  it('the preset crash loop passes while a deliberately failing threshold fails: exit 1, one testcase each', async () => {
    const scenarios = join(dir, 'scenarios');
    await mkdir(scenarios);
    await copyFile(join(ROOT, 'scenarios/ci/crash-loop.yaml'), join(scenarios, 'crash-loop.yaml'));
    // the smoke run with one threshold no run can pass (throughput is never negative)
    const smoke = await readFile(`${FIXTURES}ci/smoke.yaml`, 'utf8');
    await writeFile(
      join(scenarios, 'failing.yaml'),
      `${smoke.replace('name: ci-smoke', 'name: ci-failing')}  - { variant: single, metric: throughput_rps, op: "<", value: 0 }\n`,
    );
    const out = join(dir, 'reports');
    // One trial: this test is about thresholds, which every trial must pass alike.
    const result = await cli(['ci', '--scenarios', scenarios, '--out', out, '--trials', '1']);
    expect(result.stderr).not.toContain('resilab:');
    expect(result.stderr).not.toContain('MaxListenersExceededWarning');
    expect(result.code).toBe(1);

    const xml = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(markupProblems(xml, 'xml')).toEqual([]);
    expect(xml).toContain('<testsuite name="resilab.ci-crash-loop" tests="4" failures="0"');
    expect(xml).toContain('<testsuite name="resilab.ci-failing" tests="3" failures="1"');
    expect(xml).toMatch(
      /<testcase classname="resilab\.ci-failing\.single" name="single\.throughput_rps &#60; 0" time="0">\s*<failure/,
    );
    expect(await readFile(join(out, 'ci-summary.md'), 'utf8')).toContain('❌ failed (2 scenarios)');

    // what the crash-loop gate stands on: each variant booted the bad deploy max_restarts times,
    // then the supervisor gave up (errored) and started nothing more; backoff delays grew ×1.5.
    const [run] = await readdir(join(out, 'ci-crash-loop'));
    const results = JSON.parse(
      await readFile(join(out, 'ci-crash-loop', run ?? '', 'results.json'), 'utf8'),
    ) as Results;
    const maxRestarts = Number(results.scenario.app.supervisor.max_restarts);
    const delays: Record<string, number[]> = {};
    for (const v of results.variants) {
      const deploy = v.faults.find((f) => f.kind === 'boot-crash');
      expect(deploy?.ok, v.name).toBe(true);
      const after = v.events.filter((e) => e.t >= (deploy?.t ?? Infinity));
      const errored = after.filter((e) => e.type === 'errored');
      expect(errored, v.name).toHaveLength(1);
      const before = after.filter((e) => e.t <= (errored[0]?.t ?? 0));
      expect(
        before.filter((e) => e.type === 'exit' && !e.expected),
        v.name,
      ).toHaveLength(maxRestarts);
      expect(
        after.some((e) => e.type === 'spawn' && e.t > (errored[0]?.t ?? 0)),
        v.name,
      ).toBe(false);
      delays[v.name] = after
        .filter((e): e is Of<'restart-scheduled'> => e.type === 'restart-scheduled')
        .map((e) => e.delay_ms);
      expect(v.metrics).toMatchObject({ errored: 1, boots_to_errored: maxRestarts });
    }
    expect(delays).toEqual({ fork: [0, 0], 'fork-backoff': [100, 150] });
  });

  it('exits 2 before running anything on bad input', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"schemaVersion": 9}');
    const out = join(dir, 'reports');
    const badBaseline = await cli(['ci', '--scenarios', `${FIXTURES}ci`, '--baseline', bad, '--out', out]);
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toContain('schemaVersion: expected 1, got 9');
    const noDir = await cli(['ci', '--scenarios', join(dir, 'none'), '--out', out]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('--scenarios: no such directory');
    await expect(readdir(out)).rejects.toThrow();
  });
});
