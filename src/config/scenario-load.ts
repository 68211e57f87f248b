// The `load:` section of a scenario file: the closed model (autocannon's N connections, the default)
// or the open model (arrivals on the clock: `rate`, optional `stages`, `max_connections`). The keys
// of one model make no sense in the other, so a mix is refused with the field and its value.
import { quote } from '../errors.js';
import type { LoadModel, LoadSpec } from '../types.js';
import { duration, field, integer, oneOf, Problem, positiveNumber, urlPath } from './scenario-fields.js';
import { formatPath } from './scenario-issues.js';
import { list, mapping, optionalMapping } from './scenario-shapes.js';
import { parseDuration } from './units.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const MODELS: readonly LoadModel[] = ['closed', 'open'];
/** The load length when neither `duration` nor `stages` say. */
export const DEFAULT_LOAD_MS = 10_000;
const DEFAULT_CONNECTIONS = 20;
const DEFAULT_MAX_CONNECTIONS = 100;

const optional = <T>(read: (v: unknown) => T | Problem) =>
  field((v) => (v === undefined || v === null ? null : read(v)));

/** A stage's target rate: 0 (ramp down to nothing) or more. */
const target = field((v) => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  return new Problem(
    v === undefined
      ? 'required (the rate in requests/s to ramp to)'
      : `expected a rate in requests/s >= 0, got ${quote(v)}`,
  );
});

const stage = mapping({ duration: field(duration()), target });

/** The `load:` mapping as written; resolveLoad turns it into a LoadSpec. */
export const loadSchema = optionalMapping({
  path: field(urlPath('/')),
  method: field((v) => oneOf(METHODS, 'GET')(typeof v === 'string' ? v.toUpperCase() : v)),
  connections: optional(integer(1)),
  duration: optional(duration()),
  warmup: field(duration(1_000, false)),
  pipelining: field(integer(1, 1)),
  rate: optional(positiveNumber('a rate in requests/s')),
  timeout: field(duration(2_000)),
  model: field(oneOf(MODELS, 'closed')),
  stages: list(stage, []),
  max_connections: optional(integer(1)),
});

type ParsedLoad = ReturnType<typeof loadSchema.parse>;

/** The parsed section → a LoadSpec (durations in ms; the stages' sum is the length when no duration is given). */
export function resolveLoad(l: ParsedLoad): LoadSpec {
  const stages = l.stages.map((s) => ({ duration_ms: s.duration, target: s.target }));
  const staged = stages.reduce((ms, s) => ms + s.duration_ms, 0);
  const spec: LoadSpec = {
    model: l.model,
    path: l.path,
    method: l.method,
    connections: l.connections ?? DEFAULT_CONNECTIONS,
    duration_ms: l.duration ?? (staged > 0 ? staged : DEFAULT_LOAD_MS),
    warmup_ms: l.warmup,
    pipelining: l.pipelining,
    rate: l.rate,
    timeout_ms: l.timeout,
  };
  if (l.model === 'closed') return spec;
  return { ...spec, stages, max_connections: l.max_connections ?? DEFAULT_MAX_CONNECTIONS };
}

type Raw = Record<string, unknown>;

/** The load length a raw file asks for (for checks across fields), or null when unreadable. */
export function rawLoadMs(load: unknown): number | null {
  const l = (typeof load === 'object' && load !== null ? load : {}) as Raw;
  if (l.duration !== undefined) return parseDuration(l.duration);
  const stages = Array.isArray(l.stages) ? l.stages : [];
  const staged = stages.reduce((ms: number, s: unknown) => {
    const d = parseDuration((s as Raw | null)?.duration);
    return ms + (d ?? 0);
  }, 0);
  return staged > 0 ? staged : DEFAULT_LOAD_MS;
}

/** Keys of one model set in the other, an open model with no rate, a duration shorter than the stages. */
export function checkLoad(raw: Raw): string[] {
  const l = raw.load;
  if (typeof l !== 'object' || l === null || Array.isArray(l)) return [];
  const load = l as Raw;
  const model = load.model ?? 'closed';
  const at = (key: string) => formatPath(['load', key]);
  const problems: string[] = [];
  if (model === 'closed') {
    for (const key of ['stages', 'max_connections'])
      if (load[key] !== undefined)
        problems.push(
          `${at(key)}: only with model "open" (the closed model runs a fixed number of connections), got ${quote(load[key])} with model "closed"`,
        );
  }
  if (model !== 'open') return problems;
  if (load.connections !== undefined)
    problems.push(
      `${at('connections')}: the open model has no fixed connections, got ${quote(load.connections)}; use max_connections (the most requests in flight)`,
    );
  const hasStages = Array.isArray(load.stages) && load.stages.length > 0;
  if (load.rate === undefined && !hasStages)
    problems.push(`${at('rate')}: required with model "open" (arrivals per second), or give stages`);
  const staged = hasStages ? rawLoadMs({ stages: load.stages }) : null;
  const wanted = load.duration === undefined ? null : parseDuration(load.duration);
  if (staged !== null && wanted !== null && wanted < staged)
    problems.push(
      `${at('duration')}: ${quote(load.duration)} is shorter than the stages (${staged} ms); leave it out to run the stages`,
    );
  return problems;
}
