// The `network:` and `dependency:` fault entries: Toxiproxy's toxic names and attribute names
// (latency + jitter ms, bandwidth rate KB/s, timeout ms, slow_close delay ms, reset_peer timeout ms),
// plus `down` (the proxy refuses connections). Each toxic takes only its own attributes.
import { z } from 'zod';
import type { DependencyAction, NetworkToxic, ToxicStream } from '../types.js';
import { duration, field, oneOf, Problem, positiveNumber, safeName } from './scenario-fields.js';
import { mapping } from './scenario-shapes.js';

/** The toxics a `network:` fault may name, in the order messages list them. */
export const TOXICS = ['latency', 'bandwidth', 'reset_peer', 'timeout', 'down', 'slow_close'] as const;
type ToxicName = (typeof TOXICS)[number];

/** Each toxic's own attributes (beyond target, toxic, duration). */
const ATTRIBUTES: Record<ToxicName, readonly string[]> = {
  latency: ['latency', 'jitter', 'stream'],
  bandwidth: ['rate', 'stream'],
  slow_close: ['delay', 'stream'],
  timeout: ['timeout'],
  reset_peer: ['timeout'],
  down: [],
};

const optional = <T>(read: (v: unknown) => T) => field((v) => (v === undefined ? undefined : read(v)));
const ms = (fallback?: number) => field(duration(fallback, false));

/** `network: { target, toxic, duration, …attributes }` (target is checked against the dependencies later). */
export const networkSchema = mapping({
  target: field(safeName()),
  toxic: field(oneOf(TOXICS)),
  duration: field(duration()),
  latency: optional((v) => v),
  jitter: optional((v) => v),
  rate: optional((v) => v),
  timeout: optional((v) => v),
  delay: optional((v) => v),
  stream: optional((v) => v),
}).transform((raw, ctx) => {
  const wrong = ['latency', 'jitter', 'rate', 'timeout', 'delay', 'stream'].filter(
    (key) => raw[key as keyof typeof raw] !== undefined && !ATTRIBUTES[raw.toxic].includes(key),
  );
  for (const key of wrong) {
    const known = ATTRIBUTES[raw.toxic].join(', ') || 'none';
    ctx.issues.push({
      code: 'custom',
      path: [key],
      input: raw[key as keyof typeof raw],
      message: `toxic "${raw.toxic}" takes no "${key}" (its attributes: ${known})`,
    });
  }
  const toxic = toxicOf(raw, (key, message, input) =>
    ctx.issues.push({ code: 'custom', path: [key], input, message }),
  );
  if (wrong.length > 0 || toxic === null) return z.NEVER;
  return { target: raw.target, duration_ms: raw.duration, toxic };
});

type RawNetwork = { toxic: ToxicName } & Partial<
  Record<'latency' | 'jitter' | 'rate' | 'timeout' | 'delay' | 'stream', unknown>
>;

/** The toxic with its attributes read (ms fields accept "100ms" or a number of ms), or null after an issue. */
function toxicOf(
  raw: RawNetwork,
  problem: (key: string, message: string, input: unknown) => void,
): NetworkToxic | null {
  let ok = true;
  const read = <T>(key: keyof RawNetwork, reader: (v: unknown) => T | Problem): T => {
    const value = raw[key];
    const result = reader(value);
    if (result instanceof Problem) {
      ok = false;
      problem(key, result.message, value);
      return undefined as T;
    }
    return result as T;
  };
  const msOf = (fallback?: number) => duration(fallback, false);
  const stream = read('stream', oneOf<ToxicStream>(['downstream', 'upstream'], 'downstream'));
  let toxic: NetworkToxic;
  switch (raw.toxic) {
    case 'latency':
      toxic = { toxic: 'latency', latency: read('latency', msOf()), jitter: read('jitter', msOf(0)), stream };
      break;
    case 'bandwidth':
      toxic = { toxic: 'bandwidth', rate: read('rate', positiveNumber('a rate in KB/s')), stream };
      break;
    case 'slow_close':
      toxic = { toxic: 'slow_close', delay: read('delay', msOf()), stream };
      break;
    case 'timeout':
    case 'reset_peer':
      toxic = { toxic: raw.toxic, timeout: read('timeout', msOf(0)) };
      break;
    case 'down':
      toxic = { toxic: 'down' };
      break;
  }
  return ok ? toxic : null;
}

/** `dependency: { name, action: restart | stop | start, down_for }`. */
export const dependencySchema = mapping({
  name: field(safeName()),
  action: field(oneOf<DependencyAction>(['restart', 'stop', 'start'], 'restart')),
  down_for: ms(0),
});
