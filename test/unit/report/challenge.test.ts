import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { challengeCharts, renderChallengePngs } from '../../../src/report/challenge-charts.js';
import { renderChallengeHtml } from '../../../src/report/challenge-html.js';
import { renderChallengeMarkdown } from '../../../src/report/challenge-markdown.js';
import { renderChallenge } from '../../../src/report/challenge-terminal.js';
import { challengeResult } from '../../helpers/challenge.js';

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

describe('renderChallenge', () => {
  it('shows a row per mode, a bar per request, the curve and the verdict', () => {
    const result = challengeResult();
    const text = renderChallenge(result, { color: false, reportPath: '/tmp/r/report.html' });
    expect(text).toContain('10,000,000-loop challenge');
    expect(text).toMatch(/single\s+1\s+12\.0\s+24\.0\s+24\.4/);
    expect(text).toMatch(/cluster\s+2\s+12\.5\s+13\.0\s+13\.2/);
    // the 2nd single request's bar is the longest: the full width
    expect(text).toContain(`req 2 ${'█'.repeat(40)}`);
    expect(text).toContain('155 req/s');
    expect(text).toContain('• With one instance the 2nd request waited for the 1st');
    expect(text).toContain('Report: /tmp/r/report.html');
  });
});

describe('renderChallengeMarkdown', () => {
  it('gives the verdict, a row per mode with its medians, and the curve', () => {
    const text = renderChallengeMarkdown(challengeResult());
    expect(text).toContain('## resilab: challenge');
    expect(text).toContain('**With one instance the 2nd request waited for the 1st');
    expect(text).toContain('| single ×1 | 12.0 ms | 24.0 ms | 24.4 ms | 12.0 ms |');
    expect(text).toContain('| cluster ×2 | 12.5 ms | 13.0 ms | 13.2 ms | 12.4 ms |');
    expect(text).toContain('1: 80 req/s, 2: 155 req/s');
  });
});
