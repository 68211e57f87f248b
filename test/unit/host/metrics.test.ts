// The supervisor's Prometheus metrics, white-box: which event counts as which restart cause, the
// counters and gauges a scrape renders from a process list, the flags, the exit codes, the reaper
// plan, and the README's metric table held to what /metrics really serves.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/errors.js';
import { SupervisorMetrics } from '../../../src/host/metrics.js';
import { exposureWarning, metricsListen } from '../../../src/host/metrics-flags.js';
import { parseProcUsage } from '../../../src/host/proc-usage.js';
import { reaperPlan } from '../../../src/host/reaper.js';
import { RestartCauses } from '../../../src/host/restart-cause.js';
import { RUNTIME_EXIT, runtimeExitCode } from '../../../src/host/runtime-exit.js';
import type { Supervisor } from '../../../src/supervisor/supervisor.js';
import type { InstanceInfo, SupervisorEvent } from '../../../src/types.js';
import { ROOT } from '../../helpers/processes.js';

const info = (
  instance: number,
  state: InstanceInfo['state'],
  pid: number | null = 100 + instance,
): InstanceInfo => ({
  app: 'api',
  instance,
  id: instance,
  pid,
  state,
  exec_mode: 'cluster',
  restarts: 0,
  unstable_restarts: 0,
  started_at: pid === null ? null : 1_000,
  rss: null,
  cpu: null,
});

/** Only what SupervisorMetrics reads of a Supervisor: its list and its events. */
function standIn(list: InstanceInfo[]) {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { list: () => list }) as unknown as Supervisor & EventEmitter;
}
const event = (body: Record<string, unknown>): SupervisorEvent =>
  ({ t: 2_000, app: 'api', instance: 0, pid: 100, ...body }) as SupervisorEvent;
const value = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('RestartCauses', () => {
  it('maps the events that announce a restart to its cause, and nothing else', () => {
    const causes = new RestartCauses();
    const scheduled = (instance: number) =>
      event({ type: 'restart-scheduled', instance, delay_ms: 0, reason: 'x', restarts: 1 });
    expect(causes.causeOf(scheduled(0))).toBe('crash');
    expect(causes.causeOf(event({ type: 'memory-limit', rss: 2, limit: 1 }))).toBe('memory');
    expect(causes.causeOf(event({ type: 'hung', action: 'replace' }))).toBe('hung');
    expect(causes.causeOf(event({ type: 'unhealthy', action: 'replace' }))).toBe('unhealthy');
    expect(causes.causeOf(event({ type: 'watch-restart', path: 'a', changes: 1, action: 'restart' }))).toBe(
      'watch',
    );
    expect(
      causes.causeOf(event({ type: 'exit', code: 1, signal: null, uptime_ms: 5, expected: false })),
    ).toBeNull();
  });

  it('counts a hung process killed in fork mode once: its policy restart, under hung', () => {
    const causes = new RestartCauses();
    const scheduled = (instance: number) =>
      event({ type: 'restart-scheduled', instance, delay_ms: 0, reason: 'x', restarts: 1 });
    expect(causes.causeOf(event({ type: 'hung', instance: 1, action: 'kill' }))).toBeNull();
    expect(causes.causeOf(scheduled(0))).toBe('crash');
    expect(causes.causeOf(scheduled(1))).toBe('hung');
    expect(causes.causeOf(scheduled(1))).toBe('crash');
  });
});

describe('SupervisorMetrics', () => {
  it('counts restarts by cause per instance (watch: every live instance) and reloads per app', async () => {
    const supervisor = standIn([info(0, 'listening'), info(1, 'ready'), info(2, 'stopped', null)]);
    const metrics = new SupervisorMetrics(supervisor, () => ({ cpuSeconds: 0.5, rssBytes: 4096 }));
    supervisor.emit('event', event({ type: 'restart-scheduled', delay_ms: 0, reason: 'x', restarts: 1 }));
    supervisor.emit('event', event({ type: 'memory-limit', instance: 1, rss: 2, limit: 1 }));
    supervisor.emit(
      'event',
      event({ type: 'watch-restart', instance: null, path: 'a', changes: 1, action: 'reload' }),
    );
    supervisor.emit('event', event({ type: 'reload-end', instance: null, duration_ms: 5, ok: false }));
    const text = await metrics.render();
    const restarts = (i: number, cause: string) =>
      value(text, `resilab_instance_restarts_total{app="api",instance="${i}",cause="${cause}"}`);
    expect([restarts(0, 'crash'), restarts(1, 'crash'), restarts(1, 'memory'), restarts(0, 'hung')]).toEqual([
      1, 0, 1, 0,
    ]);
    expect([restarts(0, 'watch'), restarts(1, 'watch'), restarts(2, 'watch')]).toEqual([1, 1, 0]);
    expect(value(text, 'resilab_app_reloads_total{app="api"}')).toBe(1);
    expect(value(text, 'resilab_app_reload_failures_total{app="api"}')).toBe(1);
    expect(value(text, 'resilab_instance_state{app="api",instance="1",state="ready"}')).toBe(1);
    expect(value(text, 'resilab_instance_state{app="api",instance="1",state="listening"}')).toBe(0);
    expect(value(text, 'resilab_instance_resident_memory_bytes{app="api",instance="0"}')).toBe(4096);
    expect(value(text, 'resilab_instance_uptime_seconds{app="api",instance="2"}')).toBe(0);
    expect(value(text, 'resilab_instance_resident_memory_bytes{app="api",instance="2"}')).toBeUndefined();
    metrics.close();
  });

  it('is documented in the README, every metric with its labels', async () => {
    const metrics = new SupervisorMetrics(standIn([info(0, 'listening')]), () => null);
    const served = (await metrics.registry.getMetricsAsJSON()).map((m) => [m.name, m.type] as const);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `resilab_'));
    expect(rows.map((r) => r.split(' | ')[0]?.slice(3, -1)).sort()).toEqual(served.map(([n]) => n).sort());
    for (const [name, type] of served) {
      const row = rows.find((r) => r.startsWith(`| \`${name}\` |`)) ?? '';
      expect(row.split(' | ')[1], name).toBe(type);
      const labels = [
        ...(metrics.registry.getSingleMetric(name) as unknown as { labelNames: string[] }).labelNames,
      ];
      expect(
        [...(row.split(' | ')[2] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]),
        name,
      ).toEqual(labels);
    }
  });
});

describe('--metrics-port and --metrics-host', () => {
  it('defaults to loopback, warns when widened, names the flag and the value when wrong', () => {
    expect(metricsListen(undefined, undefined)).toBeNull();
    expect(metricsListen('9209', undefined)).toEqual({ port: 9209, host: '127.0.0.1' });
    expect(exposureWarning({ port: 9209, host: '127.0.0.1' })).toBeNull();
    expect(exposureWarning({ port: 9209, host: '0.0.0.0' })).toMatch(/--metrics-host 0\.0\.0\.0/);
    expect(() => metricsListen('http', undefined)).toThrow(
      '--metrics-port: expected a port number 0-65535, got "http"',
    );
    expect(() => metricsListen('70000', undefined)).toThrow(/got "70000"/);
    expect(() => metricsListen(undefined, '0.0.0.0')).toThrow(/--metrics-host: needs --metrics-port/);
  });
});

describe('runtime as PID 1', () => {
  it('ends with a code that says why', () => {
    expect(runtimeExitCode({ by: 'signal', forced: false })).toBe(0);
    expect(runtimeExitCode({ by: 'signal', forced: true })).toBe(137);
    expect(runtimeExitCode({ by: 'idle', errored: true })).toBe(1);
    expect(runtimeExitCode({ by: 'idle', errored: false })).toBe(0);
    // The README's containers table lists exactly these, with bad input and could-not-run.
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const table = readme.slice(readme.indexOf('| runtime exit code |'), readme.indexOf('- **Zombies.**'));
    const codes = [...table.matchAll(/^ *\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(codes.sort((a, b) => a - b)).toEqual(
      [...new Set([...Object.values(RUNTIME_EXIT), EXIT.badInput, EXIT.cannotRun])].sort((a, b) => a - b),
    );
  });

  it('runs under tini only as PID 1, and warns when there is none', () => {
    expect(reaperPlan(42, {}, '/usr/bin/tini')).toEqual({ kind: 'none' });
    expect(reaperPlan(1, { RESILAB_REAPED: '1' }, '/usr/bin/tini')).toEqual({ kind: 'none' });
    expect(reaperPlan(1, {}, '/usr/bin/tini')).toEqual({ kind: 'tini', path: '/usr/bin/tini' });
    expect(reaperPlan(1, {}, null)).toMatchObject({
      kind: 'warn',
      message: expect.stringMatching(/zombies/),
    });
  });

  it('reads CPU seconds and RSS from /proc/<pid>/stat and status', () => {
    const stat = '123 (node worker) S 1 123 123 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 5 0 0';
    expect(parseProcUsage(stat, 'Name:\tnode\nVmRSS:\t   2048 kB\n')).toEqual({
      cpuSeconds: 3,
      rssBytes: 2048 * 1024,
    });
    expect(parseProcUsage(stat, 'Name:\tnode\n')).toBeNull();
  });
});
