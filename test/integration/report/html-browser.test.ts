// Opens report.html in headless Chromium: no console error, no page error, and every chart drew
// (its canvas has non-blank pixels). Skipped, with a message, when Chromium is not installed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/html.js';
import { CHROMIUM, hasChromium, openWatchedPage, useBrowser } from '../../helpers/browser.js';
import { type FixtureName, fixture } from '../../helpers/results.js';

if (!hasChromium) console.log(`html-browser: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);

/** Runs in the page: for every canvas, how many pixels are not fully transparent. */
const INKED_PIXELS = `[...document.querySelectorAll('canvas')].map((canvas) => {
  const ctx = canvas.getContext('2d');
  const data = canvas.width > 0 && canvas.height > 0 ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : [];
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked += 1;
  return { id: canvas.id, inked };
})`;

describe.skipIf(!hasChromium)('report.html in headless Chromium', () => {
  const chromium = useBrowser('resilab-html-');

  it.each<FixtureName>(['crash-recovery', 'partial', 'crash-loop', 'reload', 'recorded-crash-recovery'])(
    'renders %s with every chart drawn and no error',
    async (name) => {
      const file = join(chromium.dir, `${name}.html`);
      const results = fixture(name);
      await writeFile(file, renderHtml(results));
      const { page, problems, elsewhere } = await openWatchedPage(chromium.context, (url) =>
        url.startsWith('file:'),
      );
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const canvases = (await page.evaluate(INKED_PIXELS)) as { id: string; inked: number }[];
      const text = await page.textContent('body');
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
      // 5 time charts per variant + at least one comparison chart.
      expect(canvases.length).toBeGreaterThanOrEqual(results.variants.length * 5 + 1);
      for (const canvas of canvases) expect(canvas.inked, `${canvas.id} drew nothing`).toBeGreaterThan(500);
      for (const variant of results.variants) expect(text).toContain(variant.name);
      if (results.partial) expect(text).toContain('PARTIAL RUN');
      await page.close();
    },
  );
});
