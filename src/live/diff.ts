// Pure: what the page must hear to go from the charts it has to the charts just built. A chart
// whose datasets changed (a new instance's RSS line) is sent whole; otherwise only the points from
// the first one that differs, and the markers when they changed.
import type { ChartSpec } from '../report/charts.js';
import { MARKERS_PLUGIN_ID } from '../report/markers-plugin.js';
import type { Marker, Point } from '../report/series.js';
import type { LiveMessage } from './messages.js';

interface Dataset {
  label: string;
  data: Point[];
}

const datasetsOf = (spec: ChartSpec) => (spec.config.data as { datasets: Dataset[] }).datasets;
const markersOf = (spec: ChartSpec) =>
  ((spec.config.options.plugins as Record<string, { markers?: Marker[] }> | undefined)?.[MARKERS_PLUGIN_ID]
    ?.markers ?? []) as Marker[];

/** The messages that turn `before` (what the page has, or undefined) into `after`. */
export function chartDiff(section: string, before: ChartSpec | undefined, after: ChartSpec): LiveMessage[] {
  const next = datasetsOf(after);
  const prev = before ? datasetsOf(before) : [];
  if (!before || prev.length !== next.length || prev.some((d, i) => d.label !== next[i]?.label))
    return [{ type: 'chart', section, spec: after }];
  const messages: LiveMessage[] = [];
  next.forEach((dataset, index) => {
    const from = firstDifference((prev[index] as Dataset).data, dataset.data);
    if (from !== null)
      messages.push({
        type: 'points',
        chart: after.name,
        dataset: index,
        from,
        points: dataset.data.slice(from),
      });
  });
  const markers = markersOf(after);
  if (JSON.stringify(markers) !== JSON.stringify(markersOf(before)))
    messages.push({ type: 'markers', chart: after.name, markers });
  return messages;
}

/** The first index where two point lists differ (length included), or null when they are equal. */
export function firstDifference(a: readonly Point[], b: readonly Point[]): number | null {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const p = a[i] as Point;
    const q = b[i] as Point;
    if (p.x !== q.x || p.y !== q.y) return i;
  }
  return a.length === b.length ? null : shorter;
}

/** The x range (seconds) every chart of a section shows: from 0 (or earlier data) to the planned end. */
export function xRangeOf(specs: readonly ChartSpec[], plannedSeconds: number): { min: number; max: number } {
  let min = 0;
  let max = plannedSeconds;
  for (const spec of specs)
    for (const dataset of datasetsOf(spec))
      for (const point of dataset.data) {
        if (point.x < min) min = point.x;
        if (point.x > max) max = point.x;
      }
  return { min, max };
}
