// The public API of resilab. Only re-exports live here.

export { type CiOptions, runCi } from './ci/run-ci.js';
export { type CiEntry, renderCiMarkdown } from './ci/summary.js';
export { now } from './clock.js';
export {
  BUILTIN_SCENARIOS_DIR,
  listScenarios,
  loadScenario,
  parseScenario,
  quickScenario,
} from './config/scenario.js';
export { ERROR_CODES, EXIT, isLabError, LabError } from './errors.js';
export { type Comparison, compareResults } from './metrics/compare.js';
export { computeResults } from './metrics/results.js';
export { evaluateThresholds, parseExpectFlag } from './metrics/thresholds.js';
export { computeVariant } from './metrics/variant.js';
export { renderComparison } from './report/compare-table.js';
export * from './report/index.js';
export type { Manager, ManagerStart, StartManager } from './runner/managers/manager.js';
export { SupervisorClient, type SupervisorClientOptions, startResilab } from './runner/managers/resilab.js';
export type { Phase, Progress, RunOptions } from './runner/options.js';
export { runScenario } from './runner/run.js';
export * from './supervise.js';
export type * from './types.js';
