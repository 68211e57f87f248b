// The built-in `supervisors` scenario, quick: resilab, the devDependency PM2 and the hand-written
// node:cluster primary side by side under the same load and faults. Every variant names its
// manager, PM2's reload failures come out of the same fault code as resilab's, and no PM2 daemon or
// app process is left behind (the daemon's pid is the `supervisor` the run sampled).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../src/types.js';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

describe('supervisors (quick): resilab vs pm2 vs node-cluster', () => {
  let results: Results;
  beforeAll(async () => {
    // Quick, with room for each fault's window on a busy 2-core box (a PM2 reload of two workers
    // under 50 connections takes seconds): the crash and one reload, the two faults asserted here
    // (the bad deploy's figures are the full run's; a quick run has no room for its window).
    results = await runBuiltin('supervisors', {
      factor: 0.125,
      load: { duration_ms: 6_000, warmup_ms: 250 },
      faultsKept: [0, 1],
      faultsAt: [800, 2_300],
    });
  }, 150_000);
  afterAll(expectNoProcessLeft);

  it('runs every variant under its manager and records the PM2 it used', () => {
    expect(results.variants.map((v) => [v.name, v.config.variant.manager])).toEqual([
      ['resilab', 'resilab'],
      ['pm2', 'pm2'],
      ['node-cluster', 'node-cluster'],
    ]);
    expect(results.environment.pm2?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("counts each manager's crash the same way: an unexpected exit, then the new pid listening", () => {
    for (const name of ['resilab', 'pm2', 'node-cluster']) {
      const crash = fault(variant(results, name), 'crash');
      expect(crash.metrics.detect_ms, `${name} detect_ms`).not.toBeNull();
      expect(crash.metrics.restart_ms, `${name} restart_ms ${JSON.stringify(crash.flags)}`).toBeGreaterThan(
        0,
      );
    }
  });

  it("counts PM2's reload failures with the same code as resilab's (a number, or null with a flag)", () => {
    for (const name of ['resilab', 'pm2', 'node-cluster']) {
      const v = variant(results, name);
      const reload = fault(v, 'reload');
      const figure = reload.metrics.reload_failed_requests;
      if (figure === null) expect(reload.flags.map((f) => f.metric)).toContain('reload_failed_requests');
      else expect(figure).toBeGreaterThanOrEqual(0);
      // The reload was framed by reload-begin/reload-end events, whatever the manager.
      expect(v.events.some((e) => e.type === 'reload-begin')).toBe(true);
    }
    const pm2 = fault(variant(results, 'pm2'), 'reload');
    expect(pm2.metrics.reload_failed_requests).not.toBeNull();
  });
});
