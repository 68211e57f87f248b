// Which instances a command addresses: an app name, a global id as a string, or 'all' (PM2's rules).
import { LabError } from '../errors.js';

/** The fields a target is matched on. */
export interface Addressable {
  name: string;
  id: number;
}

/** The instances target names, in order; RESILAB_E_UNKNOWN_APP when none. */
export function resolveTarget<T extends Addressable>(target: string, instances: readonly T[]): T[] {
  if (target === 'all') return [...instances];
  const byName = instances.filter((i) => i.name === target);
  if (byName.length > 0) return byName;
  if (/^\d+$/.test(target)) {
    const byId = instances.filter((i) => i.id === Number(target));
    if (byId.length > 0) return byId;
  }
  const known = [...new Set(instances.map((i) => i.name))].join(', ') || 'none';
  throw new LabError('RESILAB_E_UNKNOWN_APP', `no app or id ${JSON.stringify(target)} (apps: ${known})`);
}
