// The managers other than resilab, end to end through the built CLI: PM2 found at run time (or a
// clear exit 2 when it is not there), bare node beside it, a reload of bare node refused at load,
// and no PM2 daemon or app process left after a run, after Ctrl-C and after SIGKILL of the runner.
// PM2's daemon detaches from the runner: it is found by the pid file in the run's private PM2_HOME.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../../../src/types.js';
import {
  BIN,
  cleanup,
  descendants,
  FIXTURES,
  runCli,
  spawnTracked,
  track,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';

const SCENARIO = `${FIXTURES}managers/pm2-and-node.yaml`;
const scratch = mkdtempSync(join(tmpdir(), 'resilab-managers-'));
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The PM2 daemon's pid and its processes, once its app runs (from the pid file in PM2_HOME). */
function pm2Tree(tmp: string): number[] | null {
  for (const run of existsSync(tmp) ? readdirSync(tmp) : []) {
    const home = join(tmp, run, 'home');
    for (const dir of existsSync(home) ? readdirSync(home).filter((d) => d.startsWith('pm2-')) : []) {
      const file = join(home, dir, 'pm2.pid');
      if (!existsSync(file)) continue;
      const god = Number(readFileSync(file, 'utf8').trim());
      const apps = descendants(god);
      if (apps.length > 0) return [god, ...apps];
    }
  }
  return null;
}

/** Starts `resilab run` with its own TMPDIR and waits until PM2's app is up; returns the runner and every pid to be gone. */
async function startRun(name: string) {
  const tmp = mkdtempSync(join(scratch, `${name}-`));
  const runner = spawnTracked(process.execPath, [BIN, 'run', SCENARIO, '--out', join(tmp, 'out'), '--json'], {
    env: { ...process.env, TMPDIR: tmp },
  });
  const tree = await waitFor('the PM2 daemon and its app', () => pm2Tree(tmp), 30_000);
  for (const pid of tree) track(pid);
  const exited = new Promise<number | null>((resolve) => runner.once('close', (code) => resolve(code)));
  return { runner, pids: [...tree, ...descendants(runner.pid as number)], exited };
}

describe('managers: pm2 and node', () => {
  it('runs a variant under PM2 and one under bare node, records PM2, leaves nothing behind', async () => {
    const { runner, pids, exited } = await startRun('run');
    expect(await exited).toBe(0);
    expect(await waitGone(pids, 5_000)).toEqual([]);
    const results = JSON.parse(runner.output()) as Results;
    expect(results.environment.pm2?.version).toMatch(/^\d+\./);
    const [pm2, node] = results.variants;
    // The same crash: PM2 starts a new pid; nothing restarts bare node (null, with a flag).
    expect(pm2?.faults[0]?.metrics.restart_ms).toBeGreaterThan(0);
    expect(node?.faults[0]?.metrics.detect_ms).not.toBeNull();
    expect(node?.faults[0]?.metrics.restart_ms).toBeNull();
    expect(node?.faults[0]?.flags.map((f) => f.metric)).toContain('restart_ms');
  }, 60_000);

  it('ends PM2 and its apps on Ctrl-C of one runner and on SIGKILL of another (the watchdog)', async () => {
    // Two runs at once (each with its own TMPDIR and PM2_HOME): only their clean-up is asserted here.
    const [interrupted, killed] = await Promise.all([startRun('sigint'), startRun('sigkill')]);
    interrupted.runner.kill('SIGINT');
    killed.runner.kill('SIGKILL');
    await Promise.all([interrupted.exited, killed.exited]);
    expect(await waitGone(interrupted.pids, 5_000), 'after Ctrl-C').toEqual([]);
    expect(await waitGone(killed.pids, 5_000), 'after SIGKILL').toEqual([]);
  }, 60_000);

  it('exits 2 naming the path when RESILAB_PM2 names nothing runnable', async () => {
    const result = await runCli(['run', SCENARIO], { env: { ...process.env, RESILAB_PM2: '/no/such/pm2' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/no/such/pm2');
  });

  it('exits 2 with the install hint when no PM2 is found (none local, none on PATH)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: dirname(process.execPath) };
    delete env.RESILAB_PM2;
    const result = await runCli(['run', SCENARIO], { cwd: scratch, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pm2 not found: npm install --save-dev pm2 to compare');
  });

  it('refuses a reload of bare node when the scenario is loaded, naming the variant and the fault', async () => {
    const result = await runCli(['run', `${FIXTURES}managers/node-reload.yaml`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/faults\[0\]\.reload.*"bare".*manager node/);
  });
});
