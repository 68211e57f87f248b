// crash-recovery-open, fork: a crash under the open model. Every figure of the closed model is there,
// and every arrival of the load is accounted for once: served, failed (reset, or refused: one per
// arrival) or dropped; the outage's arrivals are failed or dropped, never missing.
import { afterEach, describe, expect, it } from 'vitest';
import { arrivals, sum } from '../../../src/metrics/spans.js';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario crash-recovery-open', () => {
  it('fork: the usual figures, and every arrival in the outage counted as failed or dropped', async () => {
    const rate = 300;
    const results = await runBuiltin('crash-recovery-open', {
      factor: 0.25,
      variants: ['single'],
      load: { warmup_ms: 0, duration_ms: 4000, rate },
      faultsAt: [1200],
    });
    const single = variant(results, 'single');
    const crash = fault(single, 'crash');
    const m = single.metrics;
    for (const name of [
      'throughput_rps',
      'latency_p50_ms',
      'latency_p99_ms',
      'latency_p999_ms',
      'service_latency_p99_ms',
      'probe_availability',
      'downtime_ms',
      'detect_ms',
      'restart_ms',
      'offered_rps',
      'dropped_requests',
      'fault_latency_p99_ms',
      'peak_rss_mb',
    ] as const)
      expect(m[name], name).not.toBeNull();
    expect(m.offered_rps).toBeGreaterThan(rate * 0.9);
    expect(m.offered_rps).toBeLessThan(rate * 1.1);

    // Accounting: every arrival has exactly one outcome.
    const buckets = single.timeline.buckets;
    const c = sum(buckets);
    const { offered, dropped } = arrivals(buckets);
    expect(c.ok_2xx + c.non_2xx + c.resets + c.refused + c.timeouts + c.other_errors + dropped).toBe(offered);
    // The outage: nobody answered from the crash until the replacement listened; the arrivals of
    // that time are failed (refused ones included: each is one arrival) or dropped.
    const outageMs = (crash.metrics.detect_ms ?? 0) + (crash.metrics.restart_ms ?? 0);
    const hurt = (crash.metrics.failed_requests ?? 0) + (crash.metrics.dropped_requests ?? 0);
    expect(crash.metrics.failed_requests).toBeGreaterThanOrEqual(crash.metrics.refused_connects ?? 0);
    expect(hurt).toBeGreaterThanOrEqual(Math.floor((outageMs / 1000) * rate * 0.5));
    expect(m.failed_requests).toBeGreaterThanOrEqual(crash.metrics.failed_requests ?? 0);
  });
});
