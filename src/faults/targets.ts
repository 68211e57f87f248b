// Which instances a fault hits: an index, one at random, or all. Pure, so the choice is testable.
import type { InstanceTarget } from '../types.js';
import type { LiveInstance } from './context.js';

/** The instances `target` names among `live`; [] when the index has no process now. */
export function pickTargets(
  target: InstanceTarget,
  live: readonly LiveInstance[],
  random: () => number = Math.random,
): LiveInstance[] {
  const sorted = [...live].sort((a, b) => a.instance - b.instance);
  if (target === 'all') return sorted;
  if (target === 'random') {
    if (sorted.length === 0) return [];
    const index = Math.min(sorted.length - 1, Math.floor(random() * sorted.length));
    return [sorted[index] as LiveInstance];
  }
  return sorted.filter((i) => i.instance === target);
}

/** The message of a fault that found no process to hit. */
export function noTargetMessage(target: InstanceTarget, live: readonly LiveInstance[]): string {
  const known = live.map((i) => i.instance).join(', ') || 'none';
  return `instance ${String(target)}: no such instance with a process (live: ${known})`;
}
