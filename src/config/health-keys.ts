// The two health keys (resilab's own, PM2 has neither): `heartbeat_timeout` for the event-loop
// watchdog and `health_check` for the per-instance HTTP check. A bad value is named down to the
// sub-key, so `health_check.timeout: …` says which of the four numbers is wrong and why.
import { quote } from '../errors.js';
import type { HealthCheckConfig } from '../types.js';
import type { Reader } from './readers.js';
import { parseDuration } from './units.js';

/** The sub-keys of health_check that have a default (path has none: resilab cannot guess a route). */
export const HEALTH_CHECK_DEFAULTS = { interval: 2000, timeout: 1000, failures: 3, gate_ready: false };

const SUB_KEYS = ['path', 'interval', 'timeout', 'failures', 'gate_ready'] as const;

/** A positive duration (ms): the watchdog and the check cannot run every 0 ms. */
function positiveDuration(value: unknown): number | null {
  const ms = parseDuration(value);
  return ms !== null && ms > 0 ? ms : null;
}

/** `heartbeat_timeout`: a duration above 0, or null (the default) for no watchdog. */
export const heartbeatTimeout: Reader<number | null> = {
  expected: 'a duration above 0 like "5s", or null for off',
  read: positiveDuration,
  nullable: true,
};

/** One problem of a health_check value, or the resolved config. */
type Checked = { ok: true; value: HealthCheckConfig } | { ok: false; path: string[]; message: string };

/** Reads health_check and says exactly which sub-key is wrong. */
export function checkHealthCheck(raw: unknown): Checked {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail([], `expected an object like { path: '/health', interval: '2s' }, got ${quote(raw)}`);
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((key) => !(SUB_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0)
    return fail([unknown[0] as string], `unknown key (expected one of ${SUB_KEYS.join(', ')})`);
  const { path, interval, timeout, failures, gate_ready } = entry;
  if (typeof path !== 'string' || !path.startsWith('/'))
    return fail(['path'], `expected a path starting with "/", got ${quote(path)}`);
  const value: HealthCheckConfig = { path, ...HEALTH_CHECK_DEFAULTS };
  for (const [key, given] of [
    ['interval', interval],
    ['timeout', timeout],
  ] as const) {
    if (given === undefined) continue;
    const ms = positiveDuration(given);
    if (ms === null) return fail([key], `expected a duration above 0 like "2s", got ${quote(given)}`);
    value[key] = ms;
  }
  if (failures !== undefined) {
    const n = typeof failures === 'string' ? Number(failures) : failures;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      return fail(['failures'], `expected a whole number >= 1, got ${quote(failures)}`);
    value.failures = n;
  }
  if (gate_ready !== undefined) {
    if (typeof gate_ready !== 'boolean')
      return fail(['gate_ready'], `expected true or false, got ${quote(gate_ready)}`);
    value.gate_ready = gate_ready;
  }
  const window = value.interval * value.failures;
  if (value.timeout >= window)
    return fail(
      ['timeout'],
      `expected less than interval × failures (${value.interval} ms × ${value.failures} = ${window} ms), got ${quote(timeout ?? value.timeout)}`,
    );
  return { ok: true, value };
}

function fail(path: string[], message: string): Checked {
  return { ok: false, path, message };
}

/** `health_check` as an ecosystem key reader; null turns it off. */
export const healthCheck: Reader<HealthCheckConfig | null> = {
  expected: 'a health_check object',
  read: (value) => {
    const checked = checkHealthCheck(value);
    return checked.ok ? checked.value : null;
  },
  problem: (value) => {
    const checked = checkHealthCheck(value);
    return checked.ok ? null : { path: checked.path, message: checked.message };
  },
  nullable: true,
};
