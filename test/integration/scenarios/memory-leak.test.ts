// memory-leak, --quick, fork variant: the app leaks 60 MiB/s against max_memory_restart 120M. The
// instance is replaced soon after it crosses the limit (resilab checks every second), so its RSS
// stays near the limit instead of growing with the leak; the user sees the fork restart's outage.
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../../src/types.js';
import { builtin, expectNoProcessLeft, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

type MemoryLimit = Extract<SupervisorEvent, { type: 'memory-limit' }>;

describe('built-in scenario memory-leak', () => {
  it('replaces the leaking instance at least once and keeps its peak RSS near the limit', async () => {
    const file = await builtin('memory-leak');
    expect(file.app.supervisor.max_memory_restart).toBe('120M');
    const rate = Number(file.app.env.LEAK_MB_PER_S);
    expect(rate).toBe(60);
    const results = await runBuiltin('memory-leak', {
      factor: 0.3,
      variants: ['single'],
      load: { warmup_ms: 0 },
    });
    const single = variant(results, 'single');
    const limits = single.events.filter((e): e is MemoryLimit => e.type === 'memory-limit');
    expect(limits.length).toBeGreaterThanOrEqual(1);
    expect(single.metrics.restarts).toBe(limits.length);
    for (const e of limits) expect(e.rss).toBeGreaterThan(e.limit);
    // each over-limit process was stopped and a new one listened
    for (const e of limits) {
      expect(single.events.some((x) => x.type === 'exit' && x.pid === e.pid && x.expected)).toBe(true);
      expect(single.events.some((x) => x.type === 'listening' && x.t > e.t && x.pid !== e.pid)).toBe(true);
    }
    // Bounded: at most about one check interval of leak (60 MiB/s × 1 s) past 120 MiB, with slack
    // for a busy box. Unbounded, the first process alone would have grown past that bound.
    const bound = 120 + rate * 1.5;
    const spawn = single.events.find((e) => e.type === 'spawn');
    const lived = ((single.timeline.phases.load_end ?? 0) - (spawn?.t ?? Infinity)) / 1000;
    expect(50 + rate * lived).toBeGreaterThan(bound);
    expect(single.metrics.peak_rss_mb ?? Infinity).toBeLessThan(bound);
    // what a user saw: in fork mode each replacement is a short outage (no process on the port)
    const { load_start, load_end } = single.timeline.phases;
    const during = limits.filter((e) => e.t > (load_start ?? Infinity) && e.t < (load_end ?? 0) - 1000);
    expect(during.length).toBeGreaterThan(0);
    for (const e of during) {
      const exit = single.events.find((x) => x.type === 'exit' && x.pid === e.pid);
      const up = single.events.find((x) => x.type === 'listening' && x.t > (exit?.t ?? Infinity));
      const gap = single.timeline.probes.filter(
        (p) => p.t_start > (exit?.t ?? Infinity) + 20 && p.t_end < (up?.t ?? 0),
      );
      // (the listening event reaches the supervisor a little after the new process listens)
      expect(gap.filter((p) => p.error === 'refused').length).toBeGreaterThan(0);
    }
  });
});
