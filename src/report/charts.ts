// The charts of a run as chart.js configurations: plain data, shared by report.html (drawn by the
// browser) and charts/*.png (drawn on @napi-rs/canvas), so both show the same picture.
import type { Results, VariantResult } from '../types.js';
import type { ChartSpec } from './chart-spec.js';

export type { ChartSpec } from './chart-spec.js';

import { comparisonCharts } from './charts-compare.js';
import { variantLabel } from './format.js';
import { MARKERS_PLUGIN_ID } from './markers-plugin.js';
import { PALETTE } from './palette.js';
import { type Point, type SeriesInput, type VariantSeries, variantSeries } from './series.js';

/** Marker label size in px (chart text sizes come from Chart.defaults.font, set by each renderer). */
export interface ChartStyle {
  markerFontSize: number;
  fontFamily: string;
}

interface Line {
  label: string;
  data: Point[];
  axis?: 'y' | 'y2';
}

/** Every chart of a run: per variant 2xx/s, failures/s, availability, latency, RSS; then the comparisons. */
export function chartSpecs(results: Pick<Results, 'variants'>, style: ChartStyle): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const used = new Set<string>();
  for (const variant of results.variants)
    specs.push(...timeCharts(variant, uniqueSlug(variant.name, used), style));
  specs.push(...comparisonCharts(results));
  return specs;
}

/** The five time charts of one variant; also drawn live, while the variant runs (`run --live`). */
export function timeCharts(
  variant: SeriesInput & Pick<VariantResult, 'name' | 'config'>,
  base: string,
  style: ChartStyle,
): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const s = variantSeries(variant);
  const label = variantLabel(variant);
  const marks = { markers: s.markers, fontSize: style.markerFontSize, fontFamily: style.fontFamily };
  const range = xRange(s);
  const line = (name: string, title: string, unit: string, lines: Line[], max?: number, unit2?: string) =>
    specs.push({
      name: `${base}-${name}`,
      title: `${label}: ${title}`,
      variant: variant.name,
      config: lineConfig(`${label}: ${title}`, unit, lines, marks, range, max, unit2),
    });
  if (s.offered_per_s)
    line('throughput', 'offered arrivals vs served 2xx per second', 'req/s', [
      { label: 'served: 2xx/s', data: s.ok_per_s },
      { label: 'offered: arrivals/s', data: s.offered_per_s },
    ]);
  else line('throughput', '2xx responses per second', '2xx/s', [{ label: '2xx/s', data: s.ok_per_s }]);
  line(
    'failures',
    s.dropped_per_s
      ? 'failed, dropped and refused requests per second'
      : 'failed requests and refused connects per second',
    'failed/s',
    [
      { label: 'failed requests/s', data: s.failed_per_s },
      ...(s.dropped_per_s ? [{ label: 'dropped arrivals/s', data: s.dropped_per_s }] : []),
      { label: 'refused connects/s (right axis)', data: s.refused_per_s, axis: 'y2' as const },
    ],
    undefined,
    'refused/s',
  );
  line(
    'availability',
    'probe availability (fresh connections)',
    '% ok',
    [{ label: '% of probes ok (100 ms windows)', data: s.availability_pct }],
    100,
  );
  if (s.service_p99)
    line('latency', 'latency from the schedule and from the send (per 100 ms)', 'ms', [
      { label: 'p50 from the schedule', data: s.latency_p50 },
      { label: 'p99 from the schedule', data: s.latency_p99 },
      { label: 'p99 from the send (service)', data: s.service_p99 },
    ]);
  else
    line('latency', 'latency (autocannon, per 100 ms)', 'ms', [
      { label: 'p50', data: s.latency_p50 },
      { label: 'p99', data: s.latency_p99 },
    ]);
  line(
    'rss',
    'memory (RSS) per process',
    'MiB',
    Object.entries(s.rss_mb).map(([k, data]) => ({ label: k, data })),
  );
  return specs;
}

function lineConfig(
  title: string,
  unit: string,
  lines: Line[],
  markers: unknown,
  range: { min: number; max: number } | null,
  max?: number,
  unit2?: string,
): ChartSpec['config'] {
  const datasets = lines.map((l, i) => ({
    label: l.label,
    data: l.data,
    yAxisID: l.axis ?? 'y',
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    borderWidth: 2,
    pointRadius: 0,
    spanGaps: false,
  }));
  const scales: Record<string, unknown> = {
    x: { type: 'linear', ...(range ?? {}), title: { display: true, text: 'seconds from load start' } },
    y: { beginAtZero: true, ...(max === undefined ? {} : { max }), title: { display: true, text: unit } },
  };
  if (unit2)
    scales.y2 = {
      position: 'right',
      beginAtZero: true,
      grid: { drawOnChartArea: false },
      title: { display: true, text: unit2 },
    };
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      scales,
      plugins: {
        title: { display: true, text: title },
        legend: { position: 'bottom' },
        [MARKERS_PLUGIN_ID]: markers,
      },
    },
  };
}

/** One time range for all charts of a variant, so they line up when shown one above the other. */
function xRange(s: VariantSeries): { min: number; max: number } | null {
  const xs = [s.ok_per_s, s.availability_pct, ...Object.values(s.rss_mb)].flatMap((points) =>
    points.map((p) => p.x),
  );
  if (xs.length === 0) return null;
  return { min: Math.min(0, ...xs), max: Math.max(...xs) };
}

function uniqueSlug(name: string, used: Set<string>): string {
  const plain =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'variant';
  const base = plain.startsWith('compare') ? `variant-${plain}` : plain;
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  used.add(slug);
  return slug;
}
