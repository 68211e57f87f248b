// charts/*.png: the report's charts drawn by chart.js on @napi-rs/canvas (prebuilt, no system
// libraries). Text is drawn in DejaVu Sans from @fontsource/dejavu-sans, which ships with resilab, so
// the PNGs have readable text on a machine with no fonts installed at all.
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { Results } from '../types.js';
import { type ChartSpec, chartSpecs } from './charts.js';
import { markersPlugin } from './markers-plugin.js';

/** Size of every PNG chart, in pixels. */
export const PNG_SIZE = { width: 1200, height: 600 } as const;

/** The family PNG text is drawn in: the font files below, registered under this name. */
export const PNG_FONT_FAMILY = 'ResilabSans';
const FONT_FILES = ['dejavu-sans-latin-400-normal.woff2', 'dejavu-sans-latin-700-normal.woff2'];

let registered = false;

/** Registers the shipped font once; returns its family (null only if the package's files are missing). */
export function pngFontFamily(): string | null {
  if (!GlobalFonts.has(PNG_FONT_FAMILY)) {
    const require = createRequire(import.meta.url);
    for (const file of FONT_FILES) {
      GlobalFonts.registerFromPath(require.resolve(`@fontsource/dejavu-sans/files/${file}`), PNG_FONT_FAMILY);
    }
  }
  return GlobalFonts.has(PNG_FONT_FAMILY) ? PNG_FONT_FAMILY : null;
}

const whiteBackground = {
  id: 'resilabWhiteBackground',
  beforeDraw(chart: {
    ctx: {
      save(): void;
      restore(): void;
      fillStyle: unknown;
      fillRect(x: number, y: number, w: number, h: number): void;
    };
    width: number;
    height: number;
  }) {
    chart.ctx.save();
    chart.ctx.fillStyle = '#ffffff';
    chart.ctx.fillRect(0, 0, chart.width, chart.height);
    chart.ctx.restore();
  },
};

/** Registers chart.js's parts and the PNG defaults once; returns the font family text is drawn in. */
export function preparePngCharts(): string {
  if (!registered) {
    Chart.register(...registerables, markersPlugin, whiteBackground);
    registered = true;
  }
  const family = pngFontFamily() ?? 'sans-serif';
  Chart.defaults.font.family = family;
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#111111';
  return family;
}

/** Every chart of the run as a PNG (1200×600, white background), named for charts/<name>.png. */
export async function renderCharts(results: Results): Promise<{ name: string; png: Buffer }[]> {
  const family = preparePngCharts();
  const out: { name: string; png: Buffer }[] = [];
  for (const spec of chartSpecs(results, { markerFontSize: 14, fontFamily: family })) {
    out.push({ name: spec.name, png: await drawPng(spec.config) });
  }
  return out;
}

/** One chart.js configuration drawn to a PNG (call preparePngCharts first). */
export async function drawPng(specConfig: ChartSpec['config']): Promise<Buffer> {
  const canvas = createCanvas(PNG_SIZE.width, PNG_SIZE.height);
  const config = {
    ...specConfig,
    options: { ...specConfig.options, animation: false, responsive: false, devicePixelRatio: 1 },
  };
  // chart.js types its item as a DOM canvas; @napi-rs/canvas has the 2D API chart.js uses in Node.
  const chart = new Chart(canvas as never, config as never);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
