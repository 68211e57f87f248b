// The bar charts that compare variants on key figures (recovery times, throughput): part of the
// chart set of report.html and charts/*.png.

import type { MetricInfo } from '../catalog.js';
import { figureOf } from '../catalog.js';
import type { Results } from '../types.js';
import type { ChartSpec } from './chart-spec.js';
import { variantLabel } from './format.js';
import { PALETTE } from './palette.js';
import { KEY_TIMES } from './table.js';

/** Bar charts across variants: recovery times (ms) and steady throughput (req/s). */
export function comparisonCharts(results: Pick<Results, 'variants'>): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const bar = (name: string, title: string, metrics: string[], unit: MetricInfo['unit']) => {
    const shown = metrics.filter((m) =>
      results.variants.some((v) => typeof figureOf(v.metrics, m) === 'number'),
    );
    if (shown.length === 0 || results.variants.length === 0) return;
    const datasets = results.variants.map((v, i) => ({
      label: variantLabel(v),
      data: shown.map((m) => figureOf(v.metrics, m) ?? null),
      backgroundColor: PALETTE[i % PALETTE.length],
    }));
    const labels = shown;
    specs.push({
      name,
      title,
      variant: null,
      config: {
        type: 'bar',
        data: { labels, datasets },
        options: {
          animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
          plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
        },
      },
    });
  };
  bar(
    'compare-times',
    'Recovery times by variant (lower is better; missing bar = never / not measured)',
    KEY_TIMES,
    'ms',
  );
  bar(
    'compare-throughput',
    'Steady-state throughput by variant (higher is better)',
    ['throughput_rps', 'throughput_p50_rps'],
    'req/s',
  );
  return specs;
}
