import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { event, resource, variantRecord } from '../../helpers/records.js';

const floor = { floor: null };

describe('resources and event loop', () => {
  it('peak RSS per role in MiB; CPU as the mean of the instances during the load', () => {
    const v = variantRecord({
      resources: [
        resource(-1000, 'instance', 30, 100), // boot: not in the CPU mean, but in the peak
        resource(500, 'instance', 50, 40, 0),
        resource(500, 'instance', 80, 60, 1),
        resource(500, 'supervisor', 45, 5),
        resource(500, 'loadgen', 300, 90),
      ],
    });
    expect(computeVariant(v, floor).metrics).toMatchObject({
      peak_rss_mb: 80,
      supervisor_peak_rss_mb: 45,
      cpu_pct: 50,
    });
  });

  it('null when nothing was sampled', () => {
    expect(computeVariant(variantRecord(), floor).metrics).toMatchObject({
      peak_rss_mb: null,
      supervisor_peak_rss_mb: null,
      cpu_pct: null,
      event_loop_delay_p50_ms: null,
    });
  });

  it('event loop: median of reported p50s and the largest max during the load; flagged from p50 ≥ 10 or max ≥ 100', () => {
    const loop = (ms: number, p50_ms: number, max_ms: number) => event('event-loop', ms, { p50_ms, max_ms });
    const calm = computeVariant(
      variantRecord({ events: [loop(-500, 1, 400), loop(1000, 1, 5), loop(2000, 3, 20), loop(3000, 2, 8)] }),
      floor,
    );
    expect(calm.metrics).toMatchObject({ event_loop_delay_p50_ms: 2, event_loop_delay_max_ms: 20 });
    expect(calm.flags.filter((f) => f.code === 'event_loop_blocked')).toEqual([]);
    const blocked = computeVariant(variantRecord({ events: [loop(1000, 1, 5), loop(2000, 2, 150)] }), floor);
    expect(blocked.metrics.event_loop_delay_max_ms).toBe(150);
    expect(blocked.flags).toContainEqual(
      expect.objectContaining({ metric: 'event_loop_delay_max_ms', code: 'event_loop_blocked' }),
    );
    const slow = computeVariant(variantRecord({ events: [loop(1000, 12, 40), loop(2000, 11, 30)] }), floor);
    expect(slow.flags).toContainEqual(
      expect.objectContaining({ metric: 'event_loop_delay_p50_ms', code: 'event_loop_blocked' }),
    );
  });
});
