// The `describe <name|id>` page: the resolved config, the instances, the recent state history and
// the log paths of one app, as plain text.

import type { AppDescription } from '../../../protocol/results.js';
import type { SupervisorEvent } from '../../../types.js';
import { renderList } from './list.js';

/** Keys shown first, in this order; the rest of the config follows alphabetically. */
const FIRST = ['name', 'script', 'args', 'cwd', 'exec_mode', 'instances', 'interpreter', 'node_args'];

function value(raw: unknown): string {
  if (raw === null) return 'null';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

/** One event as a line: time relative to now, the instance, the type and its details. */
export function describeEvent(event: SupervisorEvent, now: number): string {
  const { t, app: _app, instance, pid, type, ...details } = event;
  const ago = `${((now - t) / 1000).toFixed(1)}s ago`.padStart(11);
  const who = instance === null ? 'app' : `#${instance}`;
  const extra = Object.entries(details)
    .map(([key, v]) => `${key}=${value(v)}`)
    .join(' ');
  return `${ago}  ${who.padEnd(4)} ${type.padEnd(17)} ${pid === null ? '' : `pid=${pid} `}${extra}`.trimEnd();
}

/** The page for one app at time `now` (epoch ms). */
export function renderDescribe(description: AppDescription, now: number): string {
  const config = description.config as unknown as Record<string, unknown>;
  const keys = [
    ...FIRST.filter((key) => key in config),
    ...Object.keys(config)
      .filter((key) => !FIRST.includes(key))
      .sort(),
  ];
  const width = Math.max(...keys.map((key) => key.length));
  const lines = [`Describing app "${description.config.name}"`, '', 'Config'];
  for (const key of keys) lines.push(`  ${key.padEnd(width)}  ${value(config[key])}`);
  lines.push('', 'Instances', renderList(description.instances, now), '', 'Recent events (oldest first)');
  if (description.events.length === 0) lines.push('  none yet');
  for (const event of description.events) lines.push(`  ${describeEvent(event, now)}`);
  lines.push('', 'Log files');
  for (const files of description.logs)
    lines.push(
      `  ${files.id}|${files.app}  out ${files.out}`,
      `  ${' '.repeat(String(files.id).length + 1 + files.app.length)}  err ${files.err}`,
    );
  return lines.join('\n');
}
