// The CI preset (scenarios/ci/) says what the CI gate promises: 20 SIGKILLs in fork and cluster mode
// spaced wider than the p95 gate, 3 rolling reloads of 2 cluster instances under load gated on zero
// failures, and a crash loop gated on errored after exactly max_restarts boots.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS_DIR, loadScenario } from '../../../src/config/scenario.js';
import type { Scenario, Threshold } from '../../../src/types.js';

const preset = (name: string) => loadScenario(join(BUILTIN_SCENARIOS_DIR, 'ci', `${name}.yaml`));

function limit(scenario: Scenario, metric: string): Threshold | undefined {
  return scenario.expect.find((t) => t.metric === metric);
}

describe('the CI preset', () => {
  it('restart-latency: 20 SIGKILLs of a live instance, fork and cluster, restart_delay 0', async () => {
    const s = await preset('restart-latency');
    expect(s.variants.map((v) => [v.exec_mode, v.instances])).toEqual([
      ['fork', 1],
      ['cluster', 2],
    ]);
    expect(s.app.supervisor.restart_delay).toBe(0);
    // 20 crashes in a row must not be taken for a crash loop (the default max_restarts is 16)
    expect(Number(s.app.supervisor.max_restarts)).toBeGreaterThan(20);
    expect(s.faults).toHaveLength(20);
    for (const f of s.faults) expect(f).toMatchObject({ kind: 'crash', via: 'signal', signal: 'SIGKILL' });
    const gaps = s.faults.slice(1).map((f, i) => f.at_ms - (s.faults[i]?.at_ms ?? 0));
    const spacing = Math.min(...gaps);
    // p95 can only pass when every replacement was up before the next kill: the gate is below the spacing
    const p95 = limit(s, 'restart_p95_ms');
    expect(p95).toMatchObject({ variant: '*', op: '<' });
    expect(p95?.value).toBeLessThan(spacing);
    expect(limit(s, 'restart_p50_over_floor')).toMatchObject({ variant: '*', op: '<' });
    expect(limit(s, 'restarts')).toMatchObject({ variant: '*', op: '==', value: 20 });
    // the last crash leaves at least the spacing for its restart before the load ends
    expect(s.load.duration_ms - (s.faults.at(-1)?.at_ms ?? 0)).toBeGreaterThanOrEqual(spacing);
  });

  it('reload: 3 rolling reloads of 2 cluster instances of an app with no shutdown code, zero failures', async () => {
    const s = await preset('reload');
    expect(s.variants.map((v) => [v.exec_mode, v.instances])).toEqual([['cluster', 2]]);
    expect(s.app.script).toMatch(/bare-app\.js$/);
    expect(s.faults.map((f) => f.kind)).toEqual(['reload', 'reload', 'reload']);
    for (const metric of ['reload_failed_requests', 'failed_requests', 'refused_connects'])
      expect(limit(s, metric)).toMatchObject({ op: '==', value: 0 });
    expect(s.load.connections).toBeGreaterThanOrEqual(10);
    // every reload has as long a window as the spacing, the last one too
    const at = s.faults.map((f) => f.at_ms);
    const spacing = Math.min(...at.slice(1).map((t, i) => t - (at[i] ?? 0)));
    expect(s.load.duration_ms - (at.at(-1) ?? 0)).toBeGreaterThanOrEqual(spacing);
    expect(limit(s, 'reload_ms')?.value).toBeLessThanOrEqual(spacing);
  });

  it('crash-loop: a boot-crash deploy gated on errored after exactly max_restarts boots', async () => {
    const s = await preset('crash-loop');
    expect(s.faults.map((f) => f.kind)).toEqual(['boot-crash']);
    expect(s.variants.every((v) => v.exec_mode === 'fork')).toBe(true);
    expect(s.variants.some((v) => Number(v.supervisor.exp_backoff_restart_delay) > 0)).toBe(true);
    expect(limit(s, 'errored')).toMatchObject({ variant: '*', op: '==', value: 1 });
    expect(limit(s, 'boots_to_errored')).toMatchObject({
      variant: '*',
      op: '==',
      value: Number(s.app.supervisor.max_restarts),
    });
  });
});
