import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addChange, type Burst, burstDue, Debounce } from '../../../src/supervisor/watch-debounce.js';

describe('addChange and burstDue', () => {
  it('a burst is named by its first path and counts its changes', () => {
    const burst = addChange(addChange(addChange(null, 'a.js', 0), 'b.js', 10), 'a.js', 30);
    expect(burst).toEqual({ first_t: 0, last_t: 30, path: 'a.js', changes: 3 });
  });

  it('is due a quiet period after the last change, at the latest maxWait after the first', () => {
    expect(burstDue({ first_t: 0, last_t: 100, path: 'a', changes: 2 }, 250, 2000)).toBe(350);
    expect(burstDue({ first_t: 0, last_t: 1900, path: 'a', changes: 90 }, 250, 2000)).toBe(2000);
  });
});

describe('Debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once per burst of changes, after the quiet period', () => {
    const fired: Burst[] = [];
    const debounce = new Debounce(
      (b) => fired.push(b),
      () => Date.now(),
      250,
      2000,
    );
    for (let n = 0; n < 5; n++) {
      debounce.add(`f${n}.js`);
      vi.advanceTimersByTime(50);
    }
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(199);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired.map((b) => [b.path, b.changes])).toEqual([['f0.js', 5]]);
    debounce.add('g.js');
    vi.advanceTimersByTime(250);
    expect(fired.map((b) => [b.path, b.changes])).toEqual([
      ['f0.js', 5],
      ['g.js', 1],
    ]);
  });

  it('a file written non-stop still fires every maxWait', () => {
    const fired: Burst[] = [];
    const debounce = new Debounce(
      (b) => fired.push(b),
      () => Date.now(),
      250,
      1000,
    );
    for (let n = 0; n < 30; n++) {
      debounce.add('busy.log');
      vi.advanceTimersByTime(100);
    }
    expect(fired.length).toBe(3);
    debounce.cancel();
  });

  it('cancel drops a pending burst', () => {
    const fired: Burst[] = [];
    const debounce = new Debounce(
      (b) => fired.push(b),
      () => Date.now(),
      250,
      2000,
    );
    debounce.add('a.js');
    debounce.cancel();
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
  });
});
