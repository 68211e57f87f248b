// The file reporters, as a name → factory map per kind of output (like vitest's): the writer and
// the CLI pick them by name, and a new format is one entry here.
import type { ChallengeResult, Results } from '../types.js';
import { renderChallengeHtml } from './challenge-html.js';
import { renderChallengeMarkdown } from './challenge-markdown.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** A renderer and the file name it is written to. Renderers are pure. */
export interface Reporter<T = Results> {
  file: string;
  render(data: T): string | Buffer;
}

const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/** Every file format resilab writes from a scenario's Results (PNG charts are many files: see renderCharts). */
export const REPORTERS = {
  json: (): Reporter => ({ file: 'results.json', render: json }),
  html: (): Reporter => ({ file: 'report.html', render: renderHtml }),
  markdown: (): Reporter => ({ file: 'summary.md', render: renderMarkdown }),
  junit: (): Reporter => ({ file: 'junit.xml', render: renderJunit }),
} as const satisfies Record<string, () => Reporter>;

/** Every file format resilab writes from a challenge (its PNG charts: see renderChallengePngs). */
export const CHALLENGE_REPORTERS = {
  json: (): Reporter<ChallengeResult> => ({ file: 'challenge.json', render: json }),
  html: (): Reporter<ChallengeResult> => ({ file: 'report.html', render: renderChallengeHtml }),
  markdown: (): Reporter<ChallengeResult> => ({ file: 'summary.md', render: renderChallengeMarkdown }),
} as const satisfies Record<string, () => Reporter<ChallengeResult>>;

export type ReporterName = keyof typeof REPORTERS;
export type ChallengeReporterName = keyof typeof CHALLENGE_REPORTERS;

/** What writeReports writes for a scenario besides charts/*.png; the data file comes first. */
export const DEFAULT_REPORTERS: ReporterName[] = ['json', 'html', 'markdown'];
/** What writeReports writes for a challenge besides charts/*.png; the data file comes first. */
export const DEFAULT_CHALLENGE_REPORTERS: ChallengeReporterName[] = ['json', 'html', 'markdown'];

/** Whether a loaded document is a challenge (challenge.json) rather than a scenario's results.json. */
export function isChallengeResult(data: Results | ChallengeResult): data is ChallengeResult {
  return (data as { kind?: unknown }).kind === 'challenge';
}
