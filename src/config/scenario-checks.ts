// Checks that span fields of a scenario file: faults inside the load, unique variant names, a
// threshold's variant that exists, an instance index the variant has. They read the raw file
// tolerantly (a field zod already refused is skipped here), so one pass reports every problem.
import { quote } from '../errors.js';
import type { FaultKind, ManagerName } from '../types.js';
import { unsupportedFaults, whyUnsupported } from './manager-faults.js';
import { checkDependencies } from './scenario-dependency-checks.js';
import { formatPath } from './scenario-issues.js';
import { checkLoad, rawLoadMs } from './scenario-load.js';
import { parseDuration } from './units.js';

type Raw = Record<string, unknown>;

const DEFAULT_VARIANTS = ['single'];

function record(value: unknown): Raw | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : null;
}

function entries(value: unknown): [number, Raw][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i): [number, Raw][] => {
    const r = record(item);
    return r ? [[i, r]] : [];
  });
}

/** Shows ms the way the file would write them: "12s", "1500ms". */
export function showMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Every cross-field problem of a raw scenario, as `path: message` lines. */
export function crossCheck(raw: Raw): string[] {
  return [
    ...checkLoad(raw),
    ...checkVariants(raw),
    ...checkFaults(raw),
    ...checkManagers(raw),
    ...checkExpect(raw),
    ...checkDependencies(raw),
  ];
}

function variantNames(raw: Raw): string[] {
  if (raw.variants === undefined) return DEFAULT_VARIANTS;
  return entries(raw.variants).flatMap(([, v]) => (typeof v.name === 'string' ? [v.name] : []));
}

function checkVariants(raw: Raw): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const [i, v] of entries(raw.variants)) {
    if (typeof v.name !== 'string') continue;
    if (seen.has(v.name))
      problems.push(`${formatPath(['variants', i, 'name'])}: ${quote(v.name)} is used by another variant`);
    seen.add(v.name);
  }
  if (Array.isArray(raw.variants) && raw.variants.length === 0)
    problems.push('variants: expected at least one variant, got []');
  return problems;
}

function checkFaults(raw: Raw): string[] {
  const loadMs = rawLoadMs(raw.load);
  const smallest = Math.min(
    ...entries(raw.variants).map(([, v]) =>
      typeof v.instances === 'number' && v.instances > 0 ? v.instances : Infinity,
    ),
    raw.variants === undefined ? 1 : Infinity,
  );
  const problems: string[] = [];
  for (const [i, fault] of entries(raw.faults)) {
    const at = parseDuration(fault.at);
    if (at !== null && loadMs !== null && loadMs > 0 && at >= loadMs)
      problems.push(
        `${formatPath(['faults', i, 'at'])}: ${showMs(at)} is not inside the load (load.duration is ${showMs(loadMs)})`,
      );
    for (const kind of ['crash', 'kill', 'freeze']) {
      const instance = record(fault[kind])?.instance;
      if (typeof instance === 'number' && Number.isInteger(instance) && instance >= smallest)
        problems.push(
          `${formatPath(['faults', i, kind, 'instance'])}: instance ${instance} does not exist in a variant with ${smallest} instance${smallest > 1 ? 's' : ''}`,
        );
    }
  }
  return problems;
}

/** A fault a variant's manager cannot carry out (a reload of bare node), named by variant and fault. */
function checkManagers(raw: Raw): string[] {
  const problems: string[] = [];
  for (const [, v] of entries(raw.variants)) {
    if (typeof v.manager !== 'string') continue;
    const manager = v.manager as ManagerName;
    const refused = unsupportedFaults(manager);
    for (const [j, fault] of entries(raw.faults)) {
      const kind = refused.find((k: FaultKind) => k in fault);
      if (kind)
        problems.push(
          `${formatPath(['faults', j, kind])}: variant ${quote(v.name)} (manager ${manager}) cannot take it: ${whyUnsupported(manager, kind)}`,
        );
    }
  }
  return problems;
}

function checkExpect(raw: Raw): string[] {
  const names = variantNames(raw);
  const problems: string[] = [];
  for (const [i, threshold] of entries(raw.expect)) {
    const name = threshold.variant;
    if (typeof name === 'string' && name !== '*' && !names.includes(name))
      problems.push(
        `${formatPath(['expect', i, 'variant'])}: no variant named ${quote(name)} (variants: ${[...new Set(names)].join(', ')})`,
      );
  }
  return problems;
}
