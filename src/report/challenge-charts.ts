// The challenge's charts as chart.js configurations (plain data), drawn by report.html in the
// browser and to charts/*.png here: one source for both.
import type { ChallengeResult } from '../types.js';
import type { ChartSpec } from './charts.js';
import { PALETTE } from './palette.js';

/** The challenge's title in words, for the page and the summary. */
export const challengeTitle = (r: ChallengeResult): string =>
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

/** The challenge's charts as PNGs, named for charts/<name>.png. */
export async function renderChallengePngs(result: ChallengeResult): Promise<{ name: string; png: Buffer }[]> {
  // Loaded on use: the canvas binding and chart.js cost every command that draws nothing.
  const { drawPng, preparePngCharts } = await import('./png.js');
  preparePngCharts();
  const out: { name: string; png: Buffer }[] = [];
  for (const spec of challengeCharts(result)) out.push({ name: spec.name, png: await drawPng(spec.config) });
  return out;
}
