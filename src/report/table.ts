// The side-by-side table of variants that every report shows: the metrics as rows, the variants
// as columns. Pure data; each renderer only lays it out.
import { figureOf, METRICS } from '../catalog.js';
import type { Results } from '../types.js';
import { formatCell, variantLabel } from './format.js';

/** One row: a metric, its label and one formatted cell per variant. */
export interface TableRow {
  metric: string;
  label: string;
  cells: string[];
}

/** The table: the variant column headers and the rows worth showing. */
export interface VariantTable {
  headers: string[];
  rows: TableRow[];
}

/** Rows always shown, even when a figure is missing: the ones a reader looks for first. */
const ALWAYS = new Set(['throughput_rps', 'failed_requests', 'downtime_ms', 'probe_availability']);

/** Every catalog metric that at least one variant measured (or that is always shown), in catalog order. */
export function variantTable(results: Pick<Results, 'variants'>): VariantTable {
  const headers = results.variants.map(variantLabel);
  const rows: TableRow[] = [];
  for (const [metric, info] of Object.entries(METRICS)) {
    const measured = results.variants.some((v) => typeof figureOf(v.metrics, metric) === 'number');
    // A figure only the other load model measures is no reason for a row.
    const explained = results.variants.some((v) =>
      v.flags.some((f) => f.metric === metric && f.code !== 'closed_model'),
    );
    if (!measured && !explained && !ALWAYS.has(metric)) continue;
    rows.push({ metric, label: info.label, cells: results.variants.map((v) => formatCell(v, metric)) });
  }
  return { headers, rows };
}

/** The figures a reader compares first, for the bar chart and the headline. */
export const KEY_TIMES = [
  'downtime_ms',
  'time_to_first_success_ms',
  'restart_ms',
  'capacity_recovery_ms',
  'reload_ms',
];
