// The public API of resilab. Only re-exports live here.

export { now } from './clock.js';
export {
  BUILTIN_SCENARIOS_DIR,
  listScenarios,
  loadScenario,
  parseScenario,
  quickScenario,
} from './config/scenario.js';
export { ERROR_CODES, EXIT, isLabError, LabError } from './errors.js';
export { computeChallenge } from './metrics/challenge.js';
export { limits, verdict } from './metrics/challenge-verdict.js';
export { type Comparison, compareResults } from './metrics/compare.js';
export { computeResults } from './metrics/results.js';
export { evaluateThresholds, parseExpectFlag } from './metrics/thresholds.js';
export { computeVariant } from './metrics/variant.js';
export { type RunChallengeOptions, runChallenge } from './pipeline/challenge.js';
export { type RunOptions, runScenario, writeResults } from './pipeline/scenario.js';
export { renderComparison } from './report/compare-table.js';
export * from './report/index.js';
export { type ChallengeOptions, measureChallenge } from './runner/challenge.js';
export { CHALLENGE_APP } from './runner/challenge-app.js';
export type { Manager, ManagerStart, StartManager } from './runner/managers/manager.js';
export { SupervisorClient, type SupervisorClientOptions, startResilab } from './runner/managers/resilab.js';
export type { MeasureOptions, Phase, Progress } from './runner/options.js';
export { measureScenario } from './runner/run.js';
export { type CiOptions, runCi } from './suites/ci/run-ci.js';
export { type CiEntry, renderCiMarkdown } from './suites/ci/summary.js';
export { type LabOptions, runLab } from './suites/lab/run-lab.js';
export * from './supervise.js';
export type * from './types.js';
