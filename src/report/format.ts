// How every report shows a figure: one place, so the terminal, Markdown and HTML agree to the digit.
import { figureOf, type MetricInfo, metricInfo } from '../catalog.js';
import type { MetricFlag, VariantResult } from '../types.js';

/** A number rounded for reading: integers with thousands separators, small values with 2 decimals. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A figure with its unit ('412 ms', '8,403 req/s', '96.6 %'); unknown metrics get no unit. */
export function formatValue(metric: string, value: number): string {
  const unit: MetricInfo['unit'] | undefined = metricInfo(metric)?.unit;
  switch (unit) {
    case 'ratio':
      return `${formatNumber(Math.round(value * 1000) / 10)} %`;
    case 'count':
    case undefined:
      return formatNumber(value);
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}

/** A null figure explained in a few words, from the variant's flags ('never (no recovery)'). */
export function formatMissing(metric: string, flags: MetricFlag[]): string {
  const flag = flags.find((f) => f.metric === metric);
  if (flag?.code === 'no_recovery') return 'never (no recovery)';
  if (flag?.code === 'partial') return 'n/a (partial run)';
  if (flag?.code === 'closed_model') return 'n/a (closed model)';
  return '–';
}

/** A figure or its explanation, marked when a flag says to read it with care. */
export function formatCell(variant: Pick<VariantResult, 'metrics' | 'flags'>, metric: string): string {
  const value = figureOf(variant.metrics, metric);
  if (value === null || value === undefined) return formatMissing(metric, variant.flags);
  const caution = variant.flags.some((f) => f.metric === metric && f.code !== 'no_recovery');
  return `${formatValue(metric, value)}${caution ? ' (!)' : ''}`;
}

/** 'cluster ×2', 'single (fork ×1)', 'bare-app (cluster ×2)': what a variant ran, in its name. */
export function variantLabel(variant: Pick<VariantResult, 'name' | 'config'>): string {
  const mode = variant.config.variant.exec_mode;
  const count = variant.config.apps[0]?.instances ?? variant.config.variant.instances;
  if (variant.name === mode) return `${mode} ×${count}`;
  return `${variant.name} (${mode} ×${count})`;
}

/** Seconds with one decimal, for time axes and fault times ('4.0 s'). */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
