// The report package's public face: renderers (pure), the writer and the loader. Re-exports only.

export { headline } from './headline.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { loadResults } from './load.js';
export { renderMarkdown } from './markdown.js';
export { renderCharts } from './png.js';
export { DEFAULT_REPORTERS, REPORTERS, type Reporter, type ReporterName } from './reporters.js';
export { renderTerminal } from './terminal.js';
export { effectText, gateLine, measured, verdictCounts } from './verdict.js';
export { writeReports } from './writer.js';
