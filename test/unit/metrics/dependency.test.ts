// dependency_recovery_ms: the dependency's server ready again (the fault's t_end) → the first
// successful probe that started after it; null with a reason otherwise. And the db-outage headline.
import { describe, expect, it } from 'vitest';
import { computeVariant } from '../../../src/metrics/variant.js';
import { headline } from '../../../src/report/headline.js';
import type { Results } from '../../../src/types.js';
import { at, event, faultRecord, probes, runRecord, variantRecord } from '../../helpers/records.js';

const outage = (endMs: number | null) =>
  faultRecord(
    3000,
    { kind: 'dependency', name: 'db', action: 'restart', down_for_ms: 3000 },
    { t_end: endMs === null ? null : at(endMs) },
  );

/** Probes ok until 3 s, failing until `backMs`, ok after (never ok again when null). */
function probesBack(backMs: number | null) {
  return probes(0, 10_000, (t) => (t < 3000 || (backMs !== null && t >= backMs) ? 'ok' : 'refused'));
}

describe('dependency_recovery_ms', () => {
  it('is the dependency back → the first successful probe after it', () => {
    const v = computeVariant(variantRecord({ faults: [outage(6300)], probes: probesBack(6800) }), {
      floor: null,
    });
    expect(v.metrics.dependency_recovery_ms).toBe(501);
    expect(v.faults[0]?.metrics.dependency_recovery_ms).toBe(501);
  });

  it('is null, flagged no_recovery, when no probe succeeded after the dependency was back', () => {
    const v = computeVariant(variantRecord({ faults: [outage(6300)], probes: probesBack(null) }), {
      floor: null,
    });
    expect(v.metrics.dependency_recovery_ms).toBeNull();
    expect(v.flags.some((f) => f.metric === 'dependency_recovery_ms' && f.code === 'no_recovery')).toBe(true);
  });

  it('is null without a flag for other faults and for a stop with no start', () => {
    const crash = computeVariant(variantRecord({ faults: [faultRecord(3000)] }), { floor: null });
    expect(crash.metrics.dependency_recovery_ms).toBeNull();
    const stopped = computeVariant(variantRecord({ faults: [outage(null)], probes: probesBack(null) }), {
      floor: null,
    });
    expect(stopped.flags.some((f) => f.metric === 'dependency_recovery_ms')).toBe(false);
  });
});

describe('the db-outage headline', () => {
  it('says which variants stayed down after the dependency was back, and how soon the others served', () => {
    const record = runRecord([
      variantRecord({
        name: 'crash',
        faults: [outage(6300)],
        probes: probesBack(null),
        events: [event('errored', 5000, { reason: 'too many unstable restarts', restarts: 16 })],
      }),
      variantRecord({ name: 'reconnect', faults: [outage(6300)], probes: probesBack(6400) }),
    ]);
    record.scenario.faults = [outage(6300).spec];
    const results = {
      ...record,
      variants: record.variants.map((v) => computeVariant(v, { floor: null })),
      thresholds: [],
    } as Results;
    expect(headline(results)).toBe(
      'crash (fork ×1) stayed down after "db" was back: the crash loop used up its restarts while it was down (errored); reconnect (fork ×1) served again 101 ms after it with no restart.',
    );
  });
});
