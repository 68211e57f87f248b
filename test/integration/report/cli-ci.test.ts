// `resilab ci` through the built CLI: one real, short run (test/fixtures/ci/smoke.yaml) compared
// with a baseline that was much faster, so the exit code comes from the regression alone.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markupProblems } from '../../helpers/markup.js';
import { BIN, cleanup, FIXTURES, spawnTracked } from '../../helpers/processes.js';
import { fixture } from '../../helpers/results.js';

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
      ['ci', '--scenarios', `${FIXTURES}ci`, '--baseline', baseline, '--junit', junit, '--out', out],
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
