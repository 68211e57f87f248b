// Thresholds turn figures into pass/fail for the exit code, JUnit and the reports. Pure: the same
// Results and thresholds always give the same verdicts. A figure that was never measured fails.
import { figureOf, METRICS, metricInfo } from '../catalog.js';
import { LabError, quote } from '../errors.js';
import type { MetricFlag, Threshold, ThresholdOp, ThresholdResult, VariantResult } from '../types.js';

const OPS: Record<ThresholdOp, (actual: number, limit: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Every verdict for every threshold; '*' expands to one verdict per variant, in run order. */
export function evaluateThresholds(
  results: { variants: Pick<VariantResult, 'name' | 'metrics' | 'flags'>[] },
  thresholds: Threshold[],
): ThresholdResult[] {
  const verdicts: ThresholdResult[] = [];
  for (const threshold of thresholds) {
    if (threshold.variant === '*') {
      if (results.variants.length === 0) {
        verdicts.push(fail(threshold, '*', null, `${describe(threshold, '*')}: the run has no variants`));
      }
      for (const variant of results.variants) verdicts.push(evaluateOne(threshold, variant));
      continue;
    }
    const variant = results.variants.find((v) => v.name === threshold.variant);
    if (variant) verdicts.push(evaluateOne(threshold, variant));
    else {
      const known = results.variants.map((v) => v.name).join(', ') || 'none';
      const message = `${describe(threshold, threshold.variant)}: variant ${quote(threshold.variant)} is not in this run (variants: ${known})`;
      verdicts.push(fail(threshold, threshold.variant, null, message));
    }
  }
  return verdicts;
}

/** One threshold against one variant: a null or missing figure fails and says why. */
function evaluateOne(
  threshold: Threshold,
  variant: Pick<VariantResult, 'name' | 'metrics' | 'flags'>,
): ThresholdResult {
  const what = describe(threshold, variant.name);
  const actual = figureOf(variant.metrics, threshold.metric);
  if (actual === undefined) {
    return fail(
      threshold,
      variant.name,
      null,
      `${what}: metric ${quote(threshold.metric)} is not in the results`,
    );
  }
  if (actual === null || !Number.isFinite(actual)) {
    return fail(
      threshold,
      variant.name,
      null,
      `${what}: not measured (${whyNull(threshold.metric, variant.flags)})`,
    );
  }
  const pass = OPS[threshold.op](actual, threshold.value);
  const unit = metricInfo(threshold.metric)?.unit;
  const shown = `${round(actual)}${unit && unit !== 'count' && unit !== 'ratio' ? ` ${unit}` : ''}`;
  const message = `${what}: ${shown} ${pass ? 'passes' : 'fails'}`;
  return { threshold, variant: variant.name, actual, pass, message };
}

function fail(
  threshold: Threshold,
  variant: string,
  actual: number | null,
  message: string,
): ThresholdResult {
  return { threshold, variant, actual, pass: false, message };
}

/** `cluster.downtime_ms < 500`: how a threshold is named in every message and report. */
export function describe(threshold: Threshold, variant: string): string {
  return `${variant}.${threshold.metric} ${threshold.op} ${threshold.value}`;
}

function whyNull(metric: string, flags: MetricFlag[]): string {
  const flag = flags.find((f) => f.metric === metric) ?? flags.find((f) => f.code === 'no_recovery');
  return flag ? `${flag.code}: ${flag.message}` : 'no value was recorded for this metric';
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

const FLAG_PATTERN = /^(.+)\.([A-Za-z0-9_]+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)$/;

/** Parses `--expect cluster.downtime_ms<500` or `*.failed_requests<=5`; bad text → RESILAB_E_USAGE. */
export function parseExpectFlag(text: string): Threshold {
  const match = FLAG_PATTERN.exec(text.trim());
  if (!match) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `--expect: expected <variant|*>.<metric><op><number> like "cluster.downtime_ms<500", got ${quote(text)}`,
    );
  }
  const [, variant = '', metric = '', op = '<', value = '0'] = match;
  if (!metricInfo(metric)) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `--expect: unknown metric ${quote(metric)} in ${quote(text)} (known: ${Object.keys(METRICS).join(', ')})`,
    );
  }
  return { variant: variant.trim(), metric, op: op as ThresholdOp, value: Number(value) };
}
