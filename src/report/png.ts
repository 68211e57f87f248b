// charts/*.png: the report's charts drawn by chart.js on @napi-rs/canvas (prebuilt, no system
// libraries). No npm package in the tree ships a text font (checked: @napi-rs/canvas 1.1.1 has none),
// so the text font is the first of a list of common families that the system has.
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { Results } from '../types.js';
import { type ChartSpec, chartSpecs } from './charts.js';
import { markersPlugin } from './markers-plugin.js';

/** Size of every PNG chart, in pixels. */
export const PNG_SIZE = { width: 1200, height: 600 } as const;

const PREFERRED = ['DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Arial', 'Helvetica', 'FreeSans', 'Roboto'];
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', '/Library/Fonts'];

let registered = false;

/** The font family PNG text is drawn in, or null when the machine has no font at all (text is then blank). */
export function pngFontFamily(): string | null {
  if (GlobalFonts.families.length === 0) for (const dir of FONT_DIRS) GlobalFonts.loadFontsFromDir(dir);
  const families = GlobalFonts.families.map((f) => f.family);
  return (
    PREFERRED.find((name) => families.includes(name)) ??
    families.find((f) => !/emoji|math|symbol/i.test(f)) ??
    families[0] ??
    null
  );
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

/** Every chart of the run as a PNG (1200×600, white background), named for charts/<name>.png. */
export async function renderCharts(results: Results): Promise<{ name: string; png: Buffer }[]> {
  if (!registered) {
    Chart.register(...registerables, markersPlugin, whiteBackground);
    registered = true;
  }
  const family = pngFontFamily() ?? 'sans-serif';
  Chart.defaults.font.family = family;
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#111111';
  const out: { name: string; png: Buffer }[] = [];
  for (const spec of chartSpecs(results, { markerFontSize: 14, fontFamily: family })) {
    out.push({ name: spec.name, png: await draw(spec) });
  }
  return out;
}

async function draw(spec: ChartSpec): Promise<Buffer> {
  const canvas = createCanvas(PNG_SIZE.width, PNG_SIZE.height);
  const config = {
    ...spec.config,
    options: { ...spec.config.options, animation: false, responsive: false, devicePixelRatio: 1 },
  };
  // chart.js types its item as a DOM canvas; @napi-rs/canvas has the 2D API chart.js uses in Node.
  const chart = new Chart(canvas as never, config as never);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
