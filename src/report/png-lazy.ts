// The PNG charts on demand: the canvas binding and chart.js load the first time a chart is drawn,
// so every command that draws nothing (compare, a check of a results file, the supervisor) starts
// without them.
import type { Results } from '../types.js';

/** The scenario's charts as PNGs, drawn by png.ts. */
export async function renderCharts(results: Results): Promise<{ name: string; png: Buffer }[]> {
  const png = await import('./png.js');
  return png.renderCharts(results);
}
