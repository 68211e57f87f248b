// graceful-shutdown, --quick: slow requests (400 ms) in flight during a rolling reload. http-app
// drains them (0 failed); with a kill_timeout of 100 ms the supervisor's SIGKILL cuts them. (bare-app,
// drained by the agent alone, is the runner's reload test: test/integration/runner/run.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisorEvent } from '../../../src/types.js';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

type Stopped = Extract<SupervisorEvent, { type: 'stopped' }>;

describe('built-in scenario graceful-shutdown', () => {
  it('a kill_timeout shorter than a request fails requests that a draining reload answers', async () => {
    const results = await runBuiltin('graceful-shutdown', {
      factor: 0.5,
      variants: ['http-app', 'short-kill-timeout'],
      // two replacements, each booted and then drained of 400 ms requests, on a busy box
      load: { warmup_ms: 0, duration_ms: 5000 },
      faultsAt: [1500],
    });
    const graceful = variant(results, 'http-app');
    const short = variant(results, 'short-kill-timeout');
    for (const v of [graceful, short]) {
      const reload = fault(v, 'reload');
      expect(reload.ok, `${v.name}: ${reload.error}`).toBe(true);
      expect(v.events.some((e) => e.type === 'reload-end' && e.ok)).toBe(true);
      expect(v.metrics.throughput_rps ?? 0).toBeGreaterThan(0);
    }
    const reloadStops = (v: typeof graceful) => {
      const reload = fault(v, 'reload');
      return v.events.filter(
        (e): e is Stopped => e.type === 'stopped' && e.t > reload.t && e.t <= (reload.t_end ?? 0),
      );
    };
    // http-app: both old processes drained and exited on their own, nothing failed
    expect(reloadStops(graceful).map((e) => e.forced)).toEqual([false, false]);
    expect(graceful.metrics.reload_failed_requests).toBe(0);
    // 100 ms kill_timeout: SIGKILL with requests in flight
    expect(reloadStops(short).some((e) => e.forced)).toBe(true);
    expect(short.metrics.reload_failed_requests ?? 0).toBeGreaterThan(
      graceful.metrics.reload_failed_requests ?? 0,
    );
  });
});
