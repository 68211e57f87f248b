// The resource sampler over a changing target list: a real app and this process, then the app gone.
import { afterEach, expect, it } from 'vitest';
import { startResourceSampler } from '../../../src/load/resources.js';
import { cleanup, waitFor } from '../../helpers/processes.js';
import { exited, startHttpApp } from './app.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

it('samples the current targets and skips a pid that vanished, without failing', async () => {
  const app = await startHttpApp();
  const appPid = app.child.pid as number;
  const sampler = startResourceSampler({
    intervalMs: 50,
    // The app stays listed after it died, as a stale list would be between an exit and its event.
    targets: () => [
      { role: 'runner', instance: null, pid: process.pid },
      { role: 'instance', instance: 0, pid: appPid },
    ],
  });
  await waitFor('the app sampled twice', () => sampler.samples().filter((s) => s.pid === appPid).length >= 2);
  const gone = exited(app.child);
  app.child.kill('SIGKILL');
  await gone;
  const deadAt = sampler.samples().length;
  await waitFor('two more samples of the runner', () => sampler.samples().slice(deadAt).length >= 2);
  const samples = sampler.stop();

  const afterDeath = samples.slice(deadAt);
  expect(afterDeath.every((s) => s.pid === process.pid && s.role === 'runner')).toBe(true);
  const ofApp = samples.filter((s) => s.pid === appPid);
  expect(ofApp.every((s) => s.role === 'instance' && s.instance === 0 && s.rss > 0 && s.cpu_pct >= 0)).toBe(
    true,
  );
  for (let i = 1; i < samples.length; i++) {
    expect(samples[i]?.t).toBeGreaterThanOrEqual(samples[i - 1]?.t ?? 0);
  }
  expect(sampler.samples().length).toBe(samples.length);
});

it('skips a lone vanished pid (pidusage errors for a single pid) and samples again once it is back', async () => {
  const app = await startHttpApp();
  let pid = app.child.pid as number;
  const sampler = startResourceSampler({
    intervalMs: 50,
    targets: () => [{ role: 'instance', instance: 0, pid }],
  });
  await waitFor('one sample', () => sampler.samples().length >= 1);
  const gone = exited(app.child);
  app.child.kill('SIGKILL');
  await gone;
  const second = await startHttpApp(app.port);
  pid = second.child.pid as number;
  await waitFor('a sample of the new pid', () => sampler.samples().some((s) => s.pid === pid));
  const samples = sampler.stop();
  const restarted = exited(second.child);
  second.child.kill('SIGKILL');
  await restarted;
  expect(new Set(samples.map((s) => s.pid))).toEqual(new Set([app.child.pid, pid]));
});
