// The file reporters, as a name → factory map (like vitest's): the writer and the CLI pick them by
// name, and a new format is one entry here.
import type { Results } from '../types.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** A renderer and the file name it is written to. Renderers are pure. */
export interface Reporter {
  file: string;
  render(results: Results): string | Buffer;
}

/** Every file format resilab writes from Results (PNG charts are many files: see renderCharts). */
export const REPORTERS = {
  json: (): Reporter => ({
    file: 'results.json',
    render: (results) => `${JSON.stringify(results, null, 2)}\n`,
  }),
  html: (): Reporter => ({ file: 'report.html', render: renderHtml }),
  markdown: (): Reporter => ({ file: 'summary.md', render: renderMarkdown }),
  junit: (): Reporter => ({ file: 'junit.xml', render: renderJunit }),
} as const satisfies Record<string, () => Reporter>;

export type ReporterName = keyof typeof REPORTERS;

/** What writeReports writes besides charts/*.png. */
export const DEFAULT_REPORTERS: ReporterName[] = ['json', 'html', 'markdown'];
