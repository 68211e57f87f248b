import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { PNG_SIZE, pngFontFamily, renderCharts } from '../../../src/report/png.js';
import { fixture } from '../../helpers/results.js';

/** Share of pixels that are not white, sampled on a grid. */
async function inkShare(png: Buffer): Promise<{ width: number; height: number; ink: number; white: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let ink = 0;
  let white = 0;
  let total = 0;
  for (let i = 0; i < data.length; i += 4 * 7) {
    total += 1;
    const [r, g, b, a] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
    if (a === 255 && r === 255 && g === 255 && b === 255) white += 1;
    else if (a > 0) ink += 1;
  }
  return { width: image.width, height: image.height, ink: ink / total, white: white / total };
}

describe('renderCharts', () => {
  it('draws every chart as a decodable, non-blank PNG on white', async () => {
    const results = fixture('crash-recovery');
    const charts = await renderCharts(results);
    const names = charts.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['single-throughput', 'cluster-failures', 'cluster-rss', 'compare-times']),
    );
    expect(charts).toHaveLength(results.variants.length * 5 + 2);
    for (const chart of charts) {
      const { width, height, ink, white } = await inkShare(chart.png);
      expect({ name: chart.name, width, height }).toEqual({ name: chart.name, ...PNG_SIZE });
      expect(ink, `${chart.name} is blank`).toBeGreaterThan(0.01);
      expect(white, `${chart.name} has no white background`).toBeGreaterThan(0.3);
    }
  });

  it('draws a run that never recovered (null figures) without failing', async () => {
    const charts = await renderCharts(fixture('crash-loop'));
    expect(charts.map((c) => c.name)).toContain('single-availability');
    expect(charts.map((c) => c.name)).not.toContain('compare-times');
  });

  it('finds a text font on this machine', () => {
    expect(pngFontFamily()).toEqual(expect.any(String));
  });
});
