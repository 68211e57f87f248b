// report.html: one self-contained file to project in a classroom (large type, high contrast): the
// headline, the variant table, charts over time with faults and events marked, thresholds, the
// environment and every warning. chart.js's UMD build is inlined, so it opens with no network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Results } from '../types.js';
import { type ChartSpec, chartSpecs } from './charts.js';
import { escapeXml, jsonForScript } from './escape.js';
import { formatSeconds, formatValue } from './format.js';
import { headline, thresholdVerdict } from './headline.js';
import { STYLE } from './html-style.js';
import { markersPluginSource } from './markers-plugin.js';
import { environmentLine, notes, partialBanner } from './notes.js';
import { variantTable } from './table.js';

let chartJsSource: string | undefined;

/** chart.js's UMD build (read once); it is inlined in every report. */
export function chartJsUmd(): string {
  if (chartJsSource === undefined) {
    const require = createRequire(import.meta.url);
    const main = require.resolve('chart.js');
    chartJsSource = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8').replace(
      /<\/script/gi,
      '<\\/script',
    );
  }
  return chartJsSource;
}

/** The whole report as one HTML string. */
export function renderHtml(results: Results): string {
  const specs = chartSpecs(results, { markerFontSize: 15, fontFamily: 'system-ui, sans-serif' });
  const e = escapeXml;
  const banner = partialBanner(results);
  const table = variantTable(results);
  const perVariant = results.variants.map((v) => {
    const charts = specs
      .filter((s) => s.variant === v.name)
      .map(chartCanvas)
      .join('\n');
    return `<section class="variant"><h2>${e(table.headers[results.variants.indexOf(v)] ?? v.name)}</h2><div class="grid">${charts}</div></section>`;
  });
  const compare = specs
    .filter((s) => s.variant === null)
    .map(chartCanvas)
    .join('\n');
  const lines = notes(results);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>resilab: ${e(results.scenario.name)}</title><style>${STYLE}</style></head>
<body><main>
${banner ? `<div class="banner" role="alert">${e(banner)}</div>` : ''}
<header><p class="kicker">resilab · ${e(results.scenario.name)}</p><h1>${e(headline(results))}</h1>
<p class="what">${e(results.scenario.description)}</p>
<p class="verdict ${results.thresholds.every((t) => t.pass) ? 'pass' : 'fail'}">${e(thresholdVerdict(results))}</p></header>
<section><h2>Variants side by side</h2><table class="variants"><thead><tr><th>metric</th>${table.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((r) => `<tr><th title="${e(r.metric)}">${e(r.label)}</th>${r.cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table></section>
${thresholdsSection(results)}
${faultsSection(results)}
${compare ? `<section><h2>Compared</h2><div class="grid">${compare}</div></section>` : ''}
${perVariant.join('\n')}
<section><h2>Warnings and flags</h2>${lines.length === 0 ? '<p>None.</p>' : `<ul class="notes">${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`}</section>
<section><h2>Environment</h2><p>${e(environmentLine(results))}</p>
<p>Run ${e(new Date(results.started_at).toISOString())}; time axis: seconds from load start; markers: faults (solid red) and supervisor events (dashed: exit, restart, listening, reload).</p></section>
</main>
${chartScripts(specs)}
</body></html>
`;
}

/** The data, chart.js and the code that draws every chart into its canvas (see chartCanvas). */
export function chartScripts(specs: ChartSpec[]): string {
  return `<script type="application/json" id="resilab-data">${jsonForScript({ charts: specs })}</script>
<script>${chartJsUmd()}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('resilab-data').textContent);
  Chart.register(${markersPluginSource()});
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#111111';
  Chart.defaults.animation = false;
  data.charts.forEach(function (spec) {
    var config = spec.config;
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    new Chart(document.getElementById('chart-' + spec.name), config);
  });
})();
</script>`;
}

/** The figure a chart is drawn into, by its spec's name. */
export function chartCanvas(spec: { name: string; title: string }): string {
  const name = escapeXml(spec.name);
  return `<figure class="chart"><div class="box"><canvas id="chart-${name}" role="img" aria-label="${escapeXml(spec.title)}"></canvas></div></figure>`;
}

function thresholdsSection(results: Results): string {
  if (results.thresholds.length === 0)
    return '<section><h2>Thresholds</h2><p>No thresholds were set.</p></section>';
  const rows = results.thresholds.map(
    (t) =>
      `<tr class="${t.pass ? 'pass' : 'fail'}"><td>${t.pass ? 'PASS' : 'FAIL'}</td><td>${escapeXml(t.message)}</td></tr>`,
  );
  return `<section><h2>Thresholds</h2><table class="thresholds"><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function faultsSection(results: Results): string {
  const rows: string[] = [];
  for (const v of results.variants) {
    for (const f of v.faults) {
      const figures = Object.entries(f.metrics)
        .filter(([, value]) => typeof value === 'number')
        .map(([metric, value]) => `${metric} ${formatValue(metric, value as number)}`)
        .join(', ');
      const status = f.ok ? '' : ` (failed: ${f.error ?? 'unknown'})`;
      rows.push(
        `<tr><td>${escapeXml(v.name)}</td><td>${escapeXml(f.kind)}${escapeXml(status)}</td><td>${formatSeconds(f.at_ms)}</td><td>${escapeXml(figures)}</td></tr>`,
      );
    }
  }
  if (rows.length === 0) return '';
  return `<section><h2>Faults</h2><table class="faults"><thead><tr><th>variant</th><th>fault</th><th>at</th><th>figures</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}
