// The public API of resilab. Only re-exports live here.
export { now } from './clock.js';
export { ERROR_CODES, EXIT, isLabError, LabError } from './errors.js';
export { type Comparison, compareResults } from './metrics/compare.js';
export { evaluateThresholds, parseExpectFlag } from './metrics/thresholds.js';
export { renderComparison } from './report/compare-table.js';
export * from './report/index.js';
export type * from './types.js';
