// One chart as chart.js config plus its name: what every renderer (html, png, live) draws.
/** One chart: a file-safe name, a title and its chart.js configuration (JSON-serialisable). */
export interface ChartSpec {
  name: string;
  title: string;
  /** The variant it shows, or null for a chart comparing variants. */
  variant: string | null;
  config: { type: 'line' | 'bar'; data: unknown; options: Record<string, unknown> };
}
