// The report package's public face: renderers (pure), the writer and the loader. Re-exports only.

export { challengeCharts, renderChallengePngs } from './challenge-charts.js';
export { renderChallengeHtml } from './challenge-html.js';
export { renderChallengeMarkdown } from './challenge-markdown.js';
export { renderChallenge } from './challenge-terminal.js';
export { escapeXml } from './escape.js';
export { headline, thresholdVerdict } from './headline.js';
export { renderHtml } from './html.js';
export { STYLE as REPORT_STYLE } from './html-style.js';
export { type JunitSuite, renderJunit, renderJunitSuites, thresholdSuite } from './junit.js';
export { loadReport, loadResults } from './load.js';
export { renderMarkdown } from './markdown.js';
export { renderCharts } from './png-lazy.js';
export {
  CHALLENGE_REPORTERS,
  type ChallengeReporterName,
  DEFAULT_CHALLENGE_REPORTERS,
  DEFAULT_REPORTERS,
  isChallengeResult,
  REPORTERS,
  type Reporter,
  type ReporterName,
} from './reporters.js';
export { runDir } from './run-dir.js';
export { renderTerminal } from './terminal.js';
export { effectText, gateLine, measured, verdictCounts } from './verdict.js';
export { writeFiles, writeReports } from './writer.js';
