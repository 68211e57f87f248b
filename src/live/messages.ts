// What the live page hears over server-sent events: sections, whole charts, and the points that
// changed since the last message, so a 100 ms update costs a few hundred bytes, not the whole chart.
import type { ChartSpec } from '../report/charts.js';
import type { Marker, Point } from '../report/series.js';

/** One message of the live stream (one SSE `data:` line of JSON). */
export type LiveMessage =
  /** A new part of the page: one variant of a run. */
  | { type: 'section'; section: string; title: string }
  /** A chart, created or replaced (its datasets changed). */
  | { type: 'chart'; section: string; spec: ChartSpec }
  /** Dataset points from index `from` on replace what the page has there. */
  | { type: 'points'; chart: string; dataset: number; from: number; points: Point[] }
  | { type: 'markers'; chart: string; markers: Marker[] }
  /** The time axis of every chart of a section, in seconds from load start. */
  | { type: 'range'; section: string; min: number; max: number }
  | { type: 'status'; text: string }
  | { type: 'end'; text: string };

/** A LiveMessage as one server-sent event. */
export function sseFrame(message: LiveMessage): string {
  return `data: ${JSON.stringify(message)}\n\n`;
}
