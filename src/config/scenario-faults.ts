// The `faults:` entries of a scenario file: `{ at: 4s, <kind>: { … } }` with exactly one kind,
// read into the FaultSpec union of src/types.ts with every default applied.
import { z } from 'zod';
import type { FaultKind, FaultSpec } from '../types.js';
import {
  duration,
  field,
  instanceTarget,
  integer,
  oneOf,
  positiveNumber,
  signal,
  urlPath,
} from './scenario-fields.js';
import { dependencySchema, networkSchema } from './scenario-network.js';
import { envMap, mapping, noOptions, optionalMapping } from './scenario-shapes.js';

/** The file's key for each fault kind, in the order messages list them. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'crash',
  'kill',
  'freeze',
  'hang',
  'leak',
  'cpu',
  'reload',
  'restart',
  'scale',
  'boot-crash',
  'dependency',
  'network',
];

/** What a bad deploy sets when `boot-crash` names no env: the sample apps' crash switch. */
export const DEFAULT_BOOT_CRASH_ENV = { CRASH_ON_BOOT: '1' } as const;

const crash = mapping({
  via: field(oneOf(['http', 'signal'] as const, 'http')),
  path: field((v) => (v === undefined ? undefined : urlPath()(v))),
  signal: field((v) => (v === undefined ? undefined : signal()(v))),
  instance: field((v) => (v === undefined ? undefined : instanceTarget()(v))),
});

const kinds = {
  crash: crash.optional(),
  kill: optionalMapping({ signal: field(signal('SIGKILL')), instance: field(instanceTarget(0)) }).optional(),
  freeze: mapping({ duration: field(duration()), instance: field(instanceTarget(0)) }).optional(),
  hang: optionalMapping({ path: field(urlPath('/hang')) }).optional(),
  leak: mapping({
    mb: field(positiveNumber('a number of MiB per request')),
    rate: field(positiveNumber('a number of requests per second')),
    duration: field(duration()),
    path: field(urlPath('/leak')),
  }).optional(),
  cpu: mapping({
    concurrent: field(integer(1)),
    loops: field(integer(1, 10_000_000)),
    path: field(urlPath('/cpu')),
  }).optional(),
  reload: noOptions.optional(),
  restart: noOptions.optional(),
  scale: mapping({ instances: field(integer(1)) }).optional(),
  'boot-crash': z.preprocess((v) => (v === true || v === null ? {} : v), mapping({ env: envMap })).optional(),
  dependency: dependencySchema.optional(),
  network: networkSchema.optional(),
};

type RawFault = z.output<ReturnType<typeof faultMapping>>;

function faultMapping() {
  return mapping({ at: field(duration(undefined, false)), ...kinds });
}

/** One fault entry → FaultSpec; exactly one kind key, and options that fit the kind. */
export const faultSchema = faultMapping().transform((raw, ctx): FaultSpec => {
  const present = FAULT_KINDS.filter((kind) => raw[kind] !== undefined);
  if (present.length !== 1) {
    const got = present.length === 0 ? 'none' : present.join(' and ');
    ctx.issues.push({
      code: 'custom',
      message: `expected exactly one fault kind (${FAULT_KINDS.join(', ')}), got ${got}`,
      input: raw,
    });
    return z.NEVER;
  }
  const spec = toSpec(present[0] as FaultKind, raw);
  if (typeof spec === 'string') {
    ctx.issues.push({ code: 'custom', message: spec, input: raw, path: ['crash'] });
    return z.NEVER;
  }
  return spec;
});

/** The kind's options as a FaultSpec, or the message of a crash option that does not fit its `via`. */
function toSpec(kind: FaultKind, raw: RawFault): FaultSpec | string {
  const at_ms = raw.at;
  switch (kind) {
    case 'crash': {
      const c = raw.crash!;
      if (c.via === 'http') {
        if (c.signal !== undefined || c.instance !== undefined)
          return 'via: http takes only "path" (the crash hits whichever instance the request reaches)';
        return { kind, at_ms, via: 'http', path: c.path ?? '/crash', instance: 'random' };
      }
      if (c.path !== undefined) return 'via: signal takes "signal" and "instance", not "path"';
      return { kind, at_ms, via: 'signal', signal: c.signal ?? 'SIGKILL', instance: c.instance ?? 0 };
    }
    case 'kill':
      return { kind, at_ms, signal: raw.kill!.signal, instance: raw.kill!.instance };
    case 'freeze':
      return { kind, at_ms, duration_ms: raw.freeze!.duration, instance: raw.freeze!.instance };
    case 'hang':
      return { kind, at_ms, path: raw.hang!.path };
    case 'leak': {
      const l = raw.leak!;
      return { kind, at_ms, path: l.path, mb: l.mb, rate_per_s: l.rate, duration_ms: l.duration };
    }
    case 'cpu':
      return { kind, at_ms, path: raw.cpu!.path, concurrent: raw.cpu!.concurrent, loops: raw.cpu!.loops };
    case 'reload':
    case 'restart':
      return { kind, at_ms };
    case 'scale':
      return { kind, at_ms, instances: raw.scale!.instances };
    case 'boot-crash': {
      const b = raw['boot-crash'];
      const env = b && Object.keys(b.env).length > 0 ? b.env : { ...DEFAULT_BOOT_CRASH_ENV };
      return { kind, at_ms, env };
    }
    case 'dependency': {
      const d = raw.dependency!;
      return { kind, at_ms, name: d.name, action: d.action, down_for_ms: d.down_for };
    }
    case 'network':
      return { kind, at_ms, ...raw.network! };
  }
}
