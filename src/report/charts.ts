// The charts of a run as chart.js configurations: plain data, shared by report.html (drawn by the
// browser) and charts/*.png (drawn on @napi-rs/canvas), so both show the same picture.
import type { MetricInfo } from '../metrics/catalog.js';
import type { Results } from '../types.js';
import { variantLabel } from './format.js';
import { MARKERS_PLUGIN_ID } from './markers-plugin.js';
import { type Point, variantSeries } from './series.js';
import { KEY_TIMES } from './table.js';

/** One chart: a file-safe name, a title and its chart.js configuration (JSON-serialisable). */
export interface ChartSpec {
  name: string;
  title: string;
  /** The variant it shows, or null for a chart comparing variants. */
  variant: string | null;
  config: { type: 'line' | 'bar'; data: unknown; options: Record<string, unknown> };
}

/** High-contrast colours, readable on a projector and for the common colour-vision deficiencies. */
export const PALETTE = ['#1f4e9c', '#c00000', '#1e8449', '#d35400', '#7d3c98', '#000000'];

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
  for (const variant of results.variants) {
    const s = variantSeries(variant);
    const base = uniqueSlug(variant.name, used);
    const label = variantLabel(variant);
    const marks = { markers: s.markers, fontSize: style.markerFontSize, fontFamily: style.fontFamily };
    const line = (name: string, title: string, unit: string, lines: Line[], max?: number, unit2?: string) =>
      specs.push({
        name: `${base}-${name}`,
        title: `${label}: ${title}`,
        variant: variant.name,
        config: lineConfig(`${label}: ${title}`, unit, lines, marks, max, unit2),
      });
    line('throughput', '2xx responses per second', '2xx/s', [{ label: '2xx/s', data: s.ok_per_s }]);
    line(
      'failures',
      'failed requests and refused connects per second',
      'failed/s',
      [
        { label: 'failed requests/s', data: s.failed_per_s },
        { label: 'refused connects/s (right axis)', data: s.refused_per_s, axis: 'y2' },
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
  }
  specs.push(...comparisons(results));
  return specs;
}

function lineConfig(
  title: string,
  unit: string,
  lines: Line[],
  markers: unknown,
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
    x: { type: 'linear', title: { display: true, text: 'seconds from load start' } },
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

/** Bar charts across variants: recovery times (ms) and steady throughput (req/s). */
function comparisons(results: Pick<Results, 'variants'>): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const bar = (name: string, title: string, metrics: string[], unit: MetricInfo['unit']) => {
    const shown = metrics.filter((m) => results.variants.some((v) => typeof v.metrics[m] === 'number'));
    if (shown.length === 0 || results.variants.length === 0) return;
    const datasets = results.variants.map((v, i) => ({
      label: variantLabel(v),
      data: shown.map((m) => v.metrics[m] ?? null),
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
