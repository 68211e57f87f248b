// memory-leak, --quick, fork variant: a leak of ~80 MiB/s against max_memory_restart 120M. The
// instance is replaced soon after it crosses the limit (resilab checks every second), so its RSS
// stays near the limit instead of growing with the leak; the user sees the fork restart's outage.
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../../src/types.js';
import { builtin, expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario memory-leak', () => {
  it('restarts the leaking instance at least once and keeps its peak RSS near the limit', async () => {
    const file = await builtin('memory-leak');
    expect(file.app.supervisor.max_memory_restart).toBe('120M');
    const results = await runBuiltin('memory-leak', {
      factor: 0.4,
      variants: ['single'],
      load: { warmup_ms: 0, duration_ms: 4000 },
    });
    const single = variant(results, 'single');
    const leak = fault(single, 'leak');
    expect(leak.ok, leak.error ?? '').toBe(true);
    const limits = single.events.filter(
      (e): e is Extract<SupervisorEvent, { type: 'memory-limit' }> => e.type === 'memory-limit',
    );
    expect(limits.length).toBeGreaterThanOrEqual(1);
    expect(single.metrics.restarts).toBeGreaterThanOrEqual(limits.length);
    for (const e of limits) expect(e.rss).toBeGreaterThan(e.limit);
    // replaced: a new process listened after the first memory-limit event
    const first = limits[0] as SupervisorEvent;
    expect(single.events.some((e) => e.type === 'listening' && e.t > first.t && e.pid !== first.pid)).toBe(
      true,
    );
    // Without the limit it would have grown by everything the leak fault asked for; with it, by
    // at most about one check interval's worth of leak (80 MiB/s × 1 s) past 120 MiB.
    const spec = leak.spec as Extract<typeof leak.spec, { kind: 'leak' }>;
    const askedMib = (spec.mb * spec.rate_per_s * ((leak.t_end ?? leak.t) - leak.t)) / 1000;
    expect(askedMib).toBeGreaterThan(200);
    expect(single.metrics.peak_rss_mb ?? Infinity).toBeLessThan(120 + 100);
    // what a user saw: the fork-mode restart is an outage
    expect(leak.metrics.downtime_ms ?? 0).toBeGreaterThan(0);
  });
});
