// The challenge as a report to project (report.html): the latency of each simultaneous request in
// both modes, the scaling curve, the verdict and the honest limits. Same look and self-contained
// chart.js as the scenario reports. Pure.
import type { ChallengeResult } from '../types.js';
import { challengeCharts, challengeTitle as title } from './challenge-charts.js';
import { escapeXml as e } from './escape.js';
import { chartCanvas, chartScripts } from './html.js';
import { STYLE } from './html-style.js';

function table(result: ChallengeResult): string {
  const heads = [
    ...result.results[0]!.latencies_ms.map((_, i) => `request ${i + 1}`),
    'all answered',
    'lone request',
    'pids',
  ];
  const rows = result.results.map(
    (mode) =>
      `<tr><th>${e(`${mode.mode} ×${mode.instances}`)}</th>${[
        ...mode.latencies_ms.map((v) => `${v.toFixed(1)} ms`),
        `${mode.total_ms.toFixed(1)} ms`,
        `${mode.lone_ms.toFixed(1)} ms`,
        mode.pids.join(' '),
      ]
        .map((cell) => `<td>${e(cell)}</td>`)
        .join('')}</tr>`,
  );
  return `<table class="variants"><thead><tr><th>mode</th>${heads.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** report.html for the challenge: one self-contained page. */
export function renderChallengeHtml(result: ChallengeResult): string {
  const specs = challengeCharts(result);
  const charts = specs.map(chartCanvas).join('\n');
  const list = (items: string[]) => `<ul class="notes">${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>resilab: challenge</title><style>${STYLE}</style></head>
<body><main>
<header><p class="kicker">resilab · challenge</p><h1>${e(result.verdict[0] ?? title(result))}</h1>
<p class="what">${e(title(result))}, GET /cpu?loops=${result.loops} on ${result.cpus} CPU cores; medians of ${result.rounds} rounds. One instance runs one loop at a time; a cluster runs one per worker.</p></header>
<section><h2>Verdict</h2>${list(result.verdict)}</section>
<section><h2>Each request</h2>${table(result)}</section>
<section><h2>Charts</h2><div class="grid">${charts}</div></section>
<section><h2>What this machine can show</h2>${result.warnings.length === 0 ? '<p>Nothing limits the demonstration here.</p>' : list(result.warnings)}</section>
<section><h2>Environment</h2><p>${e(`Node ${result.environment.node} on ${result.environment.platform}, ${result.cpus} × ${result.environment.cpu_model}`)}</p></section>
</main>
${chartScripts(specs)}
</body></html>
`;
}
