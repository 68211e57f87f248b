// Checks between `dependencies:` and the faults that name them: unique names, a `dependency:` fault
// naming a dependency that exists, a `network:` target that is "app" or a dependency.
import { quote } from '../errors.js';
import { formatPath } from './scenario-issues.js';

type Raw = Record<string, unknown>;

function list(value: unknown): [number, Raw][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i): [number, Raw][] =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? [[i, item as Raw]] : [],
  );
}

/** Every problem between the dependencies and the faults, as `path: message` lines. */
export function checkDependencies(raw: Raw): string[] {
  const problems: string[] = [];
  const names: string[] = [];
  for (const [i, d] of list(raw.dependencies)) {
    if (typeof d.name !== 'string') continue;
    if (names.includes(d.name))
      problems.push(
        `${formatPath(['dependencies', i, 'name'])}: ${quote(d.name)} is used by another dependency`,
      );
    if (d.name === 'app')
      problems.push(
        `${formatPath(['dependencies', i, 'name'])}: "app" is reserved (network faults use it for the app)`,
      );
    names.push(d.name);
  }
  const known = names.length > 0 ? names.join(', ') : 'none';
  for (const [i, fault] of list(raw.faults)) {
    const dep = fault.dependency as Raw | undefined;
    if (dep && typeof dep.name === 'string' && !names.includes(dep.name))
      problems.push(
        `${formatPath(['faults', i, 'dependency', 'name'])}: no dependency named ${quote(dep.name)} (dependencies: ${known})`,
      );
    const net = fault.network as Raw | undefined;
    if (net && typeof net.target === 'string' && net.target !== 'app' && !names.includes(net.target))
      problems.push(
        `${formatPath(['faults', i, 'network', 'target'])}: expected "app" or a dependency's name (dependencies: ${known}), got ${quote(net.target)}`,
      );
  }
  return problems;
}
