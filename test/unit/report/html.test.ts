import { describe, expect, it } from 'vitest';
import { chartSpecs } from '../../../src/report/charts.js';
import { renderHtml } from '../../../src/report/html.js';
import { markupProblems } from '../../helpers/markup.js';
import { type FixtureName, fixture } from '../../helpers/results.js';

const ALL: FixtureName[] = ['crash-recovery', 'reload', 'crash-loop', 'partial', 'recorded-crash-recovery'];

function dataOf(html: string): { charts: { name: string }[] } {
  const match = /<script type="application\/json" id="resilab-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no data script');
  return JSON.parse(match[1]);
}

describe('renderHtml', () => {
  it.each(ALL)('%s: well-formed, names every variant, embeds every chart', (name) => {
    const results = fixture(name);
    const html = renderHtml(results);
    expect(markupProblems(html, 'html')).toEqual([]);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const variant of results.variants) expect(html).toContain(`>${variant.name}`);
    const names = dataOf(html).charts.map((c) => c.name);
    expect(names).toEqual(chartSpecs(results, { markerFontSize: 1, fontFamily: 'x' }).map((c) => c.name));
    for (const chart of names) expect(html).toContain(`id="chart-${chart}"`);
  });

  it('is self-contained: chart.js inlined, nothing loaded from the network', () => {
    const html = renderHtml(fixture('crash-recovery'));
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)[^"'\s]*\.(js|css)/);
    expect(html).toContain('Chart.register(');
    expect(html.length).toBeGreaterThan(150_000); // the UMD build is ~200 kB
  });

  it('shows the partial banner only for an interrupted run', () => {
    expect(renderHtml(fixture('partial'))).toContain('class="banner"');
    expect(renderHtml(fixture('crash-recovery'))).not.toContain('class="banner"');
  });

  it('lists thresholds with pass/fail and the reason a null figure failed', () => {
    const html = renderHtml(fixture('crash-loop'));
    expect(html).toContain('<tr class="fail"><td>FAIL</td>');
    expect(html).toContain('no_recovery');
    expect(html).toContain('1 of 2 thresholds failed');
  });

  it('escapes names and keeps the embedded JSON from closing its script', () => {
    const results = fixture('crash-recovery');
    const evil = '</script><b>x&y</b>';
    const first = results.variants[0];
    if (!first) throw new Error('fixture');
    first.name = evil;
    results.scenario.description = '<img src=x onerror=alert(1)>';
    const html = renderHtml(results);
    expect(markupProblems(html, 'html')).toEqual([]);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</script><b>');
    expect(dataOf(html).charts.length).toBeGreaterThan(5);
  });

  it('shows every warning and flag', () => {
    const results = fixture('partial');
    const html = renderHtml(results);
    for (const v of results.variants) {
      for (const w of v.warnings) expect(html).toContain(w);
      for (const f of v.flags) expect(html).toContain(`[${f.code}]`);
    }
  });
});
