// `resilab report` and `resilab compare` through the built CLI: exit codes, files written, output.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, cleanup, FIXTURES, spawnTracked } from '../../helpers/processes.js';
import { fixture, fixturePath } from '../../helpers/results.js';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-cli-report-'));
});
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built CLI and resolves when it exits. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTracked(process.execPath, [BIN, ...args], {
    env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: child.output(), stderr: child.errors() }));
  });
}

describe('resilab report', () => {
  it('re-renders every report into --out and prints the summary', async () => {
    const out = join(dir, 'out');
    const result = await cli(['report', fixturePath('crash-recovery'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['charts', 'report.html', 'results.json', 'summary.md']);
    expect((await readdir(join(out, 'charts'))).filter((f) => f.endsWith('.png'))).toHaveLength(12);
    expect(result.stdout).toContain('cluster ×2 kept serving through the crash');
    expect(result.stdout).toContain(`Report: ${join(out, 'report.html')}`);
    expect(JSON.parse(await readFile(join(out, 'results.json'), 'utf8'))).toEqual(fixture('crash-recovery'));
  });

  it('writes next to the results file without --out', async () => {
    const file = join(dir, 'results.json');
    await copyFile(fixturePath('crash-loop'), file);
    const result = await cli(['report', file]);
    expect(result.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['charts', 'report.html', 'results.json', 'summary.md']);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('1 of 2 thresholds failed');
  });

  it('re-renders a challenge from its challenge.json: the same files, the challenge on the terminal', async () => {
    const recorded = `${FIXTURES}results/recorded-challenge.json`;
    const out = join(dir, 'out');
    const result = await cli(['report', recorded, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['challenge.json', 'charts', 'report.html', 'summary.md']);
    expect((await readdir(join(out, 'charts'))).sort()).toEqual([
      'challenge-latency.png',
      'challenge-scaling.png',
    ]);
    expect(await readFile(join(out, 'challenge.json'), 'utf8')).toBe(await readFile(recorded, 'utf8'));
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('resilab · challenge');
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('## resilab: challenge');
    expect(result.stdout).toContain('5,000,000-loop challenge: 2 simultaneous GET /cpu');
    expect(result.stdout).toContain('• With one instance the 2nd request waited for the 1st');
    expect(result.stdout).toContain(`Report: ${join(out, 'report.html')}`);
  });

  it('exits 2 naming the field for a challenge.json that lost a figure', async () => {
    const recorded = JSON.parse(await readFile(`${FIXTURES}results/recorded-challenge.json`, 'utf8'));
    const file = join(dir, 'challenge.json');
    await writeFile(file, JSON.stringify({ ...recorded, speedup: 'fast' }));
    const result = await cli(['report', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`resilab: ${file}: speedup: `);
    expect(result.stderr).toContain('[RESILAB_E_RESULTS]');
    expect(await readdir(dir)).toEqual(['challenge.json']);
  });

  it('exits 2 with one line naming the file for a results file of another schema', async () => {
    const file = join(dir, 'old.json');
    await writeFile(file, JSON.stringify({ ...fixture('crash-loop'), schemaVersion: 7 }));
    const result = await cli(['report', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `resilab: ${file}: schemaVersion: expected 1, got 7 [RESILAB_E_RESULTS]`,
    ]);
    expect(await readdir(dir)).toEqual(['old.json']);
  });
});

describe('resilab compare', () => {
  it('exits 0 when nothing regressed', async () => {
    const result = await cli(['compare', fixturePath('crash-recovery'), fixturePath('crash-recovery')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No regression.');
  });

  it('--tolerance: exits 1 and names each regression', async () => {
    const result = await cli([
      'compare',
      fixturePath('crash-recovery'),
      fixturePath('crash-recovery-regressed'),
      '--tolerance',
      '20%',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\s+single\.downtime_ms: ratio to floor/m);
    expect(result.stdout).toMatch(/^\s+cluster\.failed_requests: 10 → 60/m);
  });

  it('prints JSON with --json, and a large tolerance lets timing regressions through', async () => {
    const args = [
      'compare',
      fixturePath('crash-recovery'),
      fixturePath('crash-recovery-regressed'),
      '--json',
    ];
    const strict = await cli([...args, '--tolerance', '20%']);
    const loose = await cli([...args, '--tolerance', '1000%']);
    const regressions = (text: string) =>
      (JSON.parse(text) as { variant: string; metric: string; regression: boolean }[])
        .filter((r) => r.regression)
        .map((r) => `${r.variant}.${r.metric}`);
    expect(regressions(strict.stdout)).toContain('single.restart_ms');
    expect(regressions(loose.stdout)).toEqual([]);
    expect([strict.code, loose.code]).toEqual([1, 0]);
  });

  it.each([
    [['--tolerance', 'lots'], '--tolerance: expected a percentage'],
    [['--tolerance', '20'], 'got "20"'],
  ])('exits 2 for %j', async (extra, message) => {
    const result = await cli([
      'compare',
      fixturePath('crash-recovery'),
      fixturePath('crash-recovery'),
      ...extra,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 when a file is missing', async () => {
    const missing = join(dir, 'missing.json');
    const result = await cli(['compare', fixturePath('crash-recovery'), missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${missing}: cannot read`);
  });
});
