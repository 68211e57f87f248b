// reports/index.html: one page that links every report of a `resilab lab` run, each with its
// verdict, so a class (or a CI artifact) has one place to start. Pure.
import { escapeXml as e, REPORT_STYLE as STYLE } from '../../api.js';

/** One report of the run, as the index lists it. */
export interface IndexEntry {
  title: string;
  /** The verdict in one sentence. */
  headline: string;
  /** Path of the report, relative to the index page. */
  href: string;
  /** Whether every threshold passed (null when the report has none). */
  pass: boolean | null;
}

/** The index page as one self-contained HTML string. */
export function renderIndex(
  entries: IndexEntry[],
  options: { startedAt: number; environment: string },
): string {
  const items = entries.map(
    (entry) =>
      `<li class="entry"><h2><a href="${e(entry.href)}">${e(entry.title)}</a>${
        entry.pass === null
          ? ''
          : ` <span class="verdict ${entry.pass ? 'pass' : 'fail'}">${entry.pass ? 'PASS' : 'FAIL'}</span>`
      }</h2><p>${e(entry.headline)}</p></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>resilab lab</title><style>${STYLE}
ul.index{list-style:none;padding:0}ul.index li{margin:0 0 1.2em}ul.index h2{border:0;margin:0}
</style></head>
<body><main>
<header><p class="kicker">resilab · lab</p><h1>What the lab showed</h1>
<p class="what">${e(`Run ${new Date(options.startedAt).toISOString()} on ${options.environment}.`)} Open each report for its charts and figures.</p></header>
<ul class="index">${items.join('\n')}</ul>
</main></body></html>
`;
}
