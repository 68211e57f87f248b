// The `dependencies:` entries of a scenario file: real servers (PostgreSQL, Redis, …) the lab starts
// before the variants and stops after. Commands are argument lists (no shell): a string is split on
// spaces. `{port}` and `{data_dir}` are filled in by the lab; env values get the proxy's `{host}`/`{port}`.
import { quote } from '../errors.js';
import type { DependencySpec } from '../types.js';
import { duration, field, Problem, safeName, signal, text } from './scenario-fields.js';
import { envMap, mapping, optionalMapping } from './scenario-shapes.js';

/** The placeholders a command may hold. */
export const COMMAND_PLACEHOLDERS = ['{port}', '{data_dir}'] as const;
const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** A command as an argument list: "postgres -D {data_dir}" or [postgres, -D, "{data_dir}"]. */
function argv(required: boolean) {
  return (value: unknown): string[] | null | Problem => {
    if (value === undefined || value === null) return required ? new Problem('required') : null;
    const list = typeof value === 'string' ? value.trim().split(/\s+/) : value;
    if (Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === 'string' && a !== ''))
      return list as string[];
    return new Problem(`expected a command (a string or a list of arguments), got ${quote(value)}`);
  };
}

const command = field((value) => {
  const args = argv(true)(value);
  if (args instanceof Problem || args === null) return args ?? new Problem('required');
  if (!args.some((a) => a.includes('{port}')))
    return new Problem(`expected the {port} placeholder (the lab picks the port), got ${quote(value)}`);
  return args;
});

const optionalText = field((v) => (v === undefined || v === null ? null : text()(v)));

/** One dependency entry → DependencySpec. */
export const dependencyEntry = mapping({
  name: field(safeName()),
  init: field(argv(false)),
  command,
  ready: optionalMapping({
    log: optionalText,
    timeout: field(duration(DEFAULT_READY_TIMEOUT_MS)),
  }),
  env: envMap,
  stop_signal: field(signal('SIGTERM')),
  install: optionalMapping({ debian: optionalText, brew: optionalText }),
}).transform(
  (d): DependencySpec => ({
    name: d.name,
    init: d.init,
    command: d.command,
    ready: { log: d.ready.log, timeout_ms: d.ready.timeout },
    env: d.env,
    stop_signal: d.stop_signal,
    install: d.install,
  }),
);
