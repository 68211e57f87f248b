import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/supervisor/targets.js';

const instances = [
  { name: 'api', id: 0 },
  { name: 'api', id: 1 },
  { name: 'worker', id: 2 },
  { name: '7', id: 3 },
];

describe('resolveTarget', () => {
  it("'all', a name, or a global id", () => {
    expect(resolveTarget('all', instances)).toHaveLength(4);
    expect(resolveTarget('api', instances).map((i) => i.id)).toEqual([0, 1]);
    expect(resolveTarget('2', instances)).toEqual([{ name: 'worker', id: 2 }]);
  });

  it('a name that looks like an id is a name first', () => {
    expect(resolveTarget('7', instances)).toEqual([{ name: '7', id: 3 }]);
  });

  it('anything else is RESILAB_E_UNKNOWN_APP naming the target and the apps', () => {
    expect(() => resolveTarget('nope', instances)).toThrow(/"nope".*api, worker, 7/);
    try {
      resolveTarget('9', instances);
    } catch (error) {
      expect(error).toMatchObject({ code: 'RESILAB_E_UNKNOWN_APP' });
    }
    expect.assertions(2);
  });
});
