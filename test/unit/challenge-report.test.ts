import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { challengeCharts, renderChallengeHtml, renderChallengePngs } from '../../src/challenge/report.js';
import { challengeResult } from '../helpers/challenge.js';

const result = challengeResult({ warnings: ['</script><b>not markup</b>'] });

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
