import { describe, expect, it } from 'vitest';
import { noTargetMessage, pickTargets } from '../../../src/faults/targets.js';

const live = [
  { instance: 2, pid: 302 },
  { instance: 0, pid: 300 },
  { instance: 1, pid: 301 },
];

describe('pickTargets', () => {
  it('picks the instance with that index, not the one at that position', () => {
    expect(pickTargets(2, live)).toEqual([{ instance: 2, pid: 302 }]);
    expect(pickTargets(0, live)).toEqual([{ instance: 0, pid: 300 }]);
  });

  it('returns nothing for an index with no process', () => {
    expect(pickTargets(5, live)).toEqual([]);
    expect(noTargetMessage(5, live)).toBe('instance 5: no such instance with a process (live: 2, 0, 1)');
  });

  it('returns every instance, in index order, for all', () => {
    expect(pickTargets('all', live).map((i) => i.instance)).toEqual([0, 1, 2]);
  });

  it('spreads random over every instance and never falls off the end', () => {
    expect(pickTargets('random', live, () => 0)).toEqual([{ instance: 0, pid: 300 }]);
    expect(pickTargets('random', live, () => 0.5)).toEqual([{ instance: 1, pid: 301 }]);
    expect(pickTargets('random', live, () => 0.9999999)).toEqual([{ instance: 2, pid: 302 }]);
    expect(pickTargets('random', live, () => 1)).toEqual([{ instance: 2, pid: 302 }]);
    expect(pickTargets('random', [], () => 0.3)).toEqual([]);
  });
});
