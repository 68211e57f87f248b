// `resilab run --live` watched by headless Chromium while a short crash scenario runs: the page
// hears updates before the results exist, draws the throughput line and the kill marker, logs no
// error, asks nothing of any other origin, and the run (server included) exits on its own.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../../src/report/palette.js';
import { CHROMIUM, hasChromium, openWatchedPage, useBrowser } from '../../helpers/browser.js';
import { BIN, FIXTURES, spawnTracked, waitFor } from '../../helpers/processes.js';

if (!hasChromium) console.log(`live-browser: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);

/** The page's counters (waitForFunction takes functions, not strings: the page's CSP forbids eval). */
type Live = { __resilabLive: LiveStats };

interface LiveStats {
  messages: number;
  points: number;
  charts: number;
  ended: boolean;
}

/** Runs in the page: per canvas, its inked pixels and those in the first dataset's colour. */
const PIXELS = `(() => {
  const hex = ${JSON.stringify(PALETTE[0])};
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return [...document.querySelectorAll('canvas')].map((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    let line = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) inked += 1;
      if (data[i + 3] > 200 && Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) line += 1;
    }
    return { id: canvas.id, inked, line };
  });
})()`;

/** Runs in the page: per chart, its points per dataset and its marker labels. */
const CHART_DATA = `Object.values(Chart.instances).map((chart) => ({
  id: chart.canvas.id,
  points: chart.data.datasets.map((d) => d.data.filter((p) => p.y !== null).length),
  markers: (chart.options.plugins.resilabMarkers?.markers ?? []).map((m) => m.label),
}))`;

describe.skipIf(!hasChromium)('resilab run --live in headless Chromium', () => {
  const chromium = useBrowser('resilab-live-');

  it('draws the run while it happens, with no error and no request off the page origin', async () => {
    const out = join(chromium.dir, 'reports');
    const child = spawnTracked(process.execPath, [
      BIN,
      'run',
      `${FIXTURES}runner/live.yaml`,
      '--live',
      '--out',
      out,
    ]);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const url = await waitFor(
      'the live URL',
      () => /live view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(child.errors())?.[1],
      20_000,
    );
    const { page, problems, elsewhere } = await openWatchedPage(chromium.context, (href) =>
      href.startsWith(url),
    );
    await page.goto(url, { waitUntil: 'load' });

    // Updates arrive while the run goes on: points are drawn before results.json exists.
    await page.waitForFunction(() => (globalThis as unknown as Live).__resilabLive.points > 10, undefined, {
      timeout: 20_000,
    });
    const during = (await page.evaluate('window.__resilabLive')) as LiveStats;
    const written = existsSync(out)
      ? readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('results.json'))
      : [];
    expect(during.ended).toBe(false);
    expect(written).toEqual([]);

    await page.waitForFunction(() => (globalThis as unknown as Live).__resilabLive.ended, undefined, {
      timeout: 30_000,
    });
    const after = (await page.evaluate('window.__resilabLive')) as LiveStats;
    expect(after.messages).toBeGreaterThan(during.messages);
    const charts = (await page.evaluate(CHART_DATA)) as { id: string; points: number[]; markers: string[] }[];
    const pixels = (await page.evaluate(PIXELS)) as { id: string; inked: number; line: number }[];
    await page.close();
    expect(await exited).toBe(0);

    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    // The report's five time charts, each drawn; the 1.5 s load at 100 ms buckets fills the throughput line.
    expect(charts.map((c) => c.id).sort()).toEqual(
      ['availability', 'failures', 'latency', 'rss', 'throughput'].map((n) => `chart-v1-${n}`),
    );
    const throughput = charts.find((c) => c.id === 'chart-v1-throughput');
    expect(throughput?.points[0]).toBeGreaterThanOrEqual(10);
    expect(throughput?.markers).toContain('kill');
    expect(throughput?.markers.some((m) => m.startsWith('exit #'))).toBe(true);
    for (const canvas of pixels) expect(canvas.inked, `${canvas.id} drew nothing`).toBeGreaterThan(500);
    expect(pixels.find((p) => p.id === 'chart-v1-throughput')?.line).toBeGreaterThan(100);
  }, 60_000);
});
