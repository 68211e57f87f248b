// resilab thresholds → k6 thresholds, where a k6 metric measures the same thing. The script counts
// 2xx responses and failed requests in custom counters (resilab's definitions: a failure is any
// answer that is not a 2xx, or none); latency maps to http_req_duration. Figures only the lab can
// measure (downtime, restart and recovery times, RSS) have no k6 metric: they stay unmapped, named.
import type { Threshold, ThresholdOp } from '../types.js';

/** The custom counters the script defines, by role. */
export const K6_COUNTERS = { ok: 'ok_2xx', failed: 'failed_requests' } as const;

/** One k6 threshold: a metric (with the load scenario's tag) and its expressions. */
export interface K6Threshold {
  metric: string;
  expression: string;
  /** The resilab threshold it came from, for a comment beside it. */
  from: string;
}

/** What the thresholds became: k6 thresholds and the ones with no k6 counterpart. */
export interface MappedThresholds {
  mapped: K6Threshold[];
  unmapped: { from: string; reason: string }[];
}

const AGGREGATES: Record<string, { metric: string; aggregate: string }> = {
  latency_p50_ms: { metric: 'http_req_duration', aggregate: 'p(50)' },
  latency_p90_ms: { metric: 'http_req_duration', aggregate: 'p(90)' },
  latency_p99_ms: { metric: 'http_req_duration', aggregate: 'p(99)' },
  latency_max_ms: { metric: 'http_req_duration', aggregate: 'max' },
  failed_requests: { metric: K6_COUNTERS.failed, aggregate: 'count' },
  throughput_rps: { metric: K6_COUNTERS.ok, aggregate: 'rate' },
  throughput_p50_rps: { metric: K6_COUNTERS.ok, aggregate: 'rate' },
};

const K6_OPS: Record<ThresholdOp, string> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '==',
  '!=': '!=',
};

/** Maps the thresholds that apply to `variant` (its own and '*'); `scenario` is the k6 scenario tag. */
export function mapThresholds(
  thresholds: readonly Threshold[],
  variant: string,
  scenario: string,
): MappedThresholds {
  const result: MappedThresholds = { mapped: [], unmapped: [] };
  for (const t of thresholds) {
    if (t.variant !== variant && t.variant !== '*') continue;
    const from = `${t.variant}.${t.metric} ${t.op} ${t.value}`;
    const target = AGGREGATES[t.metric];
    if (!target) {
      result.unmapped.push({
        from,
        reason: 'no k6 metric measures it (the lab measures it around the supervisor)',
      });
      continue;
    }
    result.mapped.push({
      metric: `${target.metric}{scenario:${scenario}}`,
      expression: `${target.aggregate}${K6_OPS[t.op]}${t.value}`,
      from,
    });
  }
  return result;
}
