// summary.md for the challenge: the verdict and the per-request medians as a Markdown table, sized
// for a PR comment or $GITHUB_STEP_SUMMARY like a scenario's summary. Pure.
import type { ChallengeResult } from '../types.js';
import { challengeTitle } from './challenge-charts.js';
import { escapeMarkdownCell as cell } from './escape.js';

/** The Markdown summary of a challenge. */
export function renderChallengeMarkdown(result: ChallengeResult): string {
  const heads = [
    'mode',
    ...Array.from({ length: result.requests }, (_, i) => `request ${i + 1}`),
    'all answered',
    'lone request',
  ];
  const out: string[] = [
    `## resilab: challenge`,
    '',
    `**${result.verdict[0] ?? challengeTitle(result)}**`,
    '',
  ];
  out.push(
    `${challengeTitle(result)}, GET /cpu?loops=${result.loops} on ${result.cpus} CPU cores; medians of ${result.rounds} rounds.`,
    '',
  );
  out.push(
    `| ${heads.map(cell).join(' | ')} |`,
    `| --- | ${heads
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
  );
  for (const mode of result.results) {
    const cells = [
      `${mode.mode} ×${mode.instances}`,
      ...mode.latencies_ms.map((v) => `${v.toFixed(1)} ms`),
      `${mode.total_ms.toFixed(1)} ms`,
      `${mode.lone_ms.toFixed(1)} ms`,
    ];
    out.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  if (result.curve.length > 0) {
    const curve = result.curve.map((p) => `${p.instances}: ${p.rps.toFixed(0)} req/s`).join(', ');
    out.push('', `Scaling on /cpu (instances: requests/s): ${curve}.`);
  }
  out.push('', '### Verdict', '', ...result.verdict.map((line) => `- ${line}`));
  if (result.warnings.length > 0)
    out.push('', '### What this machine can show', '', ...result.warnings.map((w) => `- ${w}`));
  out.push(
    '',
    `<sub>Node ${result.environment.node} on ${result.environment.platform}, ${result.cpus} × ${result.environment.cpu_model}.</sub>`,
    '',
  );
  return out.join('\n');
}
