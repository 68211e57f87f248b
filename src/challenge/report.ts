// The challenge as a report to project: the latency of each simultaneous request in both modes, the
// scaling curve, the verdict and the honest limits. Same look and self-contained chart.js as the
// scenario reports; the same chart configurations are drawn to PNG.
import type { ChartSpec } from '../report/charts.js';
import { escapeXml as e } from '../report/escape.js';
import { chartCanvas, chartScripts } from '../report/html.js';
import { STYLE } from '../report/html-style.js';
import { PALETTE } from '../report/palette.js';
import { drawPng, preparePngCharts } from '../report/png.js';
import type { ChallengeResult } from './types.js';

const title = (r: ChallengeResult) =>
  `The ${r.loops.toLocaleString('en-US')}-loop challenge: ${r.requests} simultaneous requests`;

/** The challenge's charts as chart.js configurations (plain data, for HTML and PNG alike). */
export function challengeCharts(result: ChallengeResult): ChartSpec[] {
  const axis = (text: string) => ({ title: { display: true, text }, beginAtZero: true });
  // Grouped by mode, one bar per request: with one instance the bars climb (each waited for the
  // one before); in a cluster they stand level.
  const specs: ChartSpec[] = [
    {
      name: 'challenge-latency',
      title: 'Latency of each simultaneous request (median of rounds, fastest first)',
      variant: null,
      config: {
        type: 'bar',
        data: {
          labels: result.results.map((mode) => `${mode.mode} ×${mode.instances}`),
          datasets: Array.from({ length: result.requests }, (_, position) => ({
            label: `request ${position + 1}`,
            data: result.results.map((mode) => mode.latencies_ms[position] ?? null),
            backgroundColor: PALETTE[position % PALETTE.length],
          })),
        },
        options: {
          plugins: { title: { display: true, text: 'Latency of each simultaneous request (ms)' } },
          scales: { y: axis('ms') },
        },
      },
    },
  ];
  if (result.curve.length > 0) {
    specs.push({
      name: 'challenge-scaling',
      title: 'Requests/s on /cpu by instance count',
      variant: null,
      config: {
        type: 'line',
        data: {
          labels: result.curve.map((point) => String(point.instances)),
          datasets: [
            {
              label: 'req/s on /cpu',
              data: result.curve.map((point) => point.rps),
              borderColor: PALETTE[0],
              backgroundColor: PALETTE[0],
              borderWidth: 3,
            },
          ],
        },
        options: {
          plugins: { title: { display: true, text: `Scaling on /cpu (${result.cpus} CPU cores)` } },
          scales: { x: { title: { display: true, text: 'instances' } }, y: axis('req/s') },
        },
      },
    });
  }
  return specs;
}

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

/** The challenge's charts as PNGs, named for charts/<name>.png. */
export async function renderChallengePngs(result: ChallengeResult): Promise<{ name: string; png: Buffer }[]> {
  preparePngCharts();
  const out: { name: string; png: Buffer }[] = [];
  for (const spec of challengeCharts(result)) out.push({ name: spec.name, png: await drawPng(spec.config) });
  return out;
}
