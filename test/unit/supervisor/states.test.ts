import { describe, expect, it } from 'vitest';
import { assertMove, canMove, isUp, TRANSITIONS } from '../../../src/supervisor/states.js';
import type { InstanceState } from '../../../src/types.js';

describe('instance state machine', () => {
  it('follows launching → online → listening|ready → stopping → stopped', () => {
    const path: InstanceState[] = ['launching', 'online', 'listening', 'ready', 'stopping', 'stopped'];
    for (let n = 1; n < path.length; n++)
      expect(canMove(path[n - 1] as InstanceState, path[n] as InstanceState)).toBe(true);
  });

  it('refuses a stopped process going back up, and names both states', () => {
    expect(canMove('stopped', 'listening')).toBe(false);
    expect(canMove('stopping', 'listening')).toBe(false);
    expect(() => assertMove('api', 1, 'stopped', 'online')).toThrow(
      "api:1: cannot go from state 'stopped' to 'online'",
    );
  });

  it('every state has an entry, and only listening/ready count as up', () => {
    const states = Object.keys(TRANSITIONS) as InstanceState[];
    expect(states).toHaveLength(10); // with hung and unhealthy
    expect(states.filter(isUp)).toEqual(['listening', 'ready']);
  });
});
