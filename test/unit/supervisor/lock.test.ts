import { describe, expect, it } from 'vitest';
import { Lock } from '../../../src/supervisor/lock.js';

describe('Lock', () => {
  it('runs operations one after another, in order, even when one fails', async () => {
    const lock = new Lock();
    const order: string[] = [];
    const op = (name: string, fail = false) =>
      lock.run(async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([op('a'), op('b', true), op('c')]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
