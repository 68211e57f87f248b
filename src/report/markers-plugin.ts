// A tiny chart.js plugin that draws faults and supervisor events as vertical lines on the time
// axis, so no annotation-plugin dependency is needed. The same function runs in Node (PNG) and is
// inlined into report.html by its source text, so it must stay self-contained (no outside names).

/** The plugin's options: markers in x-axis units and a font size for their labels. */
export interface MarkerOptions {
  markers: { x: number; until?: number; label: string; kind: string }[];
  fontSize?: number;
  fontFamily?: string;
}

interface MinimalChart {
  ctx: CanvasRenderingContext2DLike;
  chartArea: { left: number; right: number; top: number; bottom: number };
  scales: Record<string, { getPixelForValue(value: number): number } | undefined>;
}

interface CanvasRenderingContext2DLike {
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  globalAlpha: number;
  measureText(text: string): { width: number };
  setLineDash(segments: number[]): void;
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  font: string;
  textBaseline: string;
}

/** Draws the markers after the datasets; labels go on up to 4 rows and are dropped when all would overlap. */
export function drawMarkers(chart: MinimalChart, _args: unknown, options: MarkerOptions): void {
  const colors: Record<string, string> = {
    fault: '#c00000',
    exit: '#d35400',
    restart: '#7d3c98',
    listening: '#1e8449',
    reload: '#1f4e9c',
    errored: '#000000',
  };
  const scale = chart.scales.x;
  const list = options?.markers ?? [];
  if (!scale || list.length === 0) return;
  const area = chart.chartArea;
  const ctx = chart.ctx;
  const size = options.fontSize ?? 12;
  ctx.save();
  ctx.font = `bold ${size}px ${options.fontFamily ?? 'sans-serif'}`;
  ctx.textBaseline = 'top';
  const rowEnds = [
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const marker of list) {
    const x = scale.getPixelForValue(marker.x);
    if (!Number.isFinite(x) || x < area.left || x > area.right) continue;
    const color = colors[marker.kind] ?? '#333333';
    if (typeof marker.until === 'number') {
      // a fault that lasts: a light window from its start to its end
      const end = Math.min(area.right, scale.getPixelForValue(marker.until));
      if (Number.isFinite(end) && end > x) {
        ctx.fillStyle = color;
        ctx.globalAlpha = 0.12;
        ctx.fillRect(x, area.top, end - x, area.bottom - area.top);
        ctx.globalAlpha = 1;
      }
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = marker.kind === 'fault' ? 3 : 1.5;
    ctx.setLineDash(marker.kind === 'fault' ? [] : [6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    const width = ctx.measureText(marker.label).width;
    const labelX = Math.min(x + 3, area.right - width);
    const row = rowEnds.findIndex((end) => labelX > end);
    if (row < 0) continue;
    ctx.fillStyle = color;
    ctx.fillText(marker.label, labelX, area.top + 2 + row * (size + 2));
    rowEnds[row] = labelX + width + 4;
  }
  ctx.restore();
}

/** The plugin id; chart configs put their markers under options.plugins[MARKERS_PLUGIN_ID]. */
export const MARKERS_PLUGIN_ID = 'resilabMarkers';

/** The plugin object chart.js registers (Node side). */
export const markersPlugin = { id: MARKERS_PLUGIN_ID, afterDatasetsDraw: drawMarkers };

/** The plugin as JavaScript source, for the self-contained HTML page. */
export function markersPluginSource(): string {
  return `{ id: ${JSON.stringify(MARKERS_PLUGIN_ID)}, afterDatasetsDraw: ${drawMarkers.toString()} }`;
}
