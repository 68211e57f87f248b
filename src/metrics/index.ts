// The metrics engine's entry point for the runner and the reports: pure RunRecord → figures.
export { computeResults } from './results.js';
export { computeVariant } from './variant.js';
