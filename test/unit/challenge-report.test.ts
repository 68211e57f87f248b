import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { challengeCharts, renderChallengeHtml, renderChallengePngs } from '../../src/challenge/report.js';
import { summarizeMode } from '../../src/challenge/summary.js';
import type { ChallengeResult, RequestSample } from '../../src/challenge/types.js';
import { verdict } from '../../src/challenge/verdict.js';

const sample = (latency_ms: number, pid: number): RequestSample => ({
  latency_ms,
  pid,
  server_ms: null,
  ok: true,
});
const single = summarizeMode(
  'single',
  1,
  [{ samples: [sample(12, 7), sample(24, 7)], total_ms: 24.4 }],
  [12],
);
const cluster = summarizeMode(
  'cluster',
  2,
  [{ samples: [sample(12.5, 1), sample(13, 2)], total_ms: 13.2 }],
  [12.4],
);
const result: ChallengeResult = {
  loops: 10_000_000,
  requests: 2,
  rounds: 1,
  cpus: 2,
  results: [single, cluster],
  speedup: 24.4 / 13.2,
  curve: [
    { instances: 1, rps: 80 },
    { instances: 2, rps: 155 },
  ],
  verdict: verdict(single, cluster, 2),
  warnings: ['</script><b>not markup</b>'],
  environment: { node: 'v20.20.2', cpu_model: 'Test CPU', platform: 'linux' },
};

describe('challenge report', () => {
  it('draws one bar per request grouped by mode, and the scaling curve', () => {
    const [latency, curve] = challengeCharts(result);
    expect(latency?.config.data).toMatchObject({
      labels: ['single ×1', 'cluster ×2'],
      datasets: [
        { label: 'request 1', data: [12, 12.5] },
        { label: 'request 2', data: [24, 13] },
      ],
    });
    expect(curve?.config.data).toMatchObject({ labels: ['1', '2'], datasets: [{ data: [80, 155] }] });
    expect(challengeCharts({ ...result, curve: [] })).toHaveLength(1);
  });

  it('renders a self-contained page with the verdict, the table and escaped text', () => {
    const html = renderChallengeHtml(result);
    expect(html).toContain('With one instance the 2nd request waited for the 1st');
    expect(html).toContain('<th>single ×1</th>');
    expect(html).toContain('&#60;/script&#62;&#60;b&#62;not markup');
    expect(html).not.toContain('<b>not markup');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('new Chart(');
  });

  it('draws each chart to a 1200×600 PNG', async () => {
    const pngs = await renderChallengePngs(result);
    expect(pngs.map((p) => p.name)).toEqual(['challenge-latency', 'challenge-scaling']);
    for (const { png } of pngs) {
      const image = await loadImage(png);
      expect([image.width, image.height]).toEqual([1200, 600]);
    }
  });
});
