// The public API of resilab without its suites (lab, ci), which are built on it: the suites import
// this file, and index.ts adds them, so no file imports one that imports it back. Only re-exports.

export { now } from './clock.js';
export {
  BUILTIN_SCENARIOS_DIR,
  listScenarios,
  loadScenario,
  parseScenario,
  quickScenario,
} from './config/scenario.js';
export { ERROR_CODES, EXIT, isLabError, LabError } from './errors.js';
export { exportK6, type K6Export, type K6Options } from './export/k6.js';
export { type LiveServer, startLiveServer } from './live/server.js';
export { computeChallenge } from './metrics/challenge.js';
export { limits, verdict } from './metrics/challenge-verdict.js';
export { type Comparison, compareResults } from './metrics/compare.js';
export { compareTrials, type TrialCompareOptions } from './metrics/compare-trials.js';
export { DEFAULT_DECIDE, DEFAULT_TRIALS, type DecideOptions, type Verdict } from './metrics/decide.js';
export { computeResults } from './metrics/results.js';
export { evaluateThresholds, parseExpectFlag } from './metrics/thresholds.js';
export { computeVariant } from './metrics/variant.js';
export { type RunChallengeOptions, runChallenge } from './pipeline/challenge.js';
export { type RunOptions, runScenario, writeResults } from './pipeline/scenario.js';
export { renderComparison } from './report/compare-table.js';
export * from './report/index.js';
export { loadSide, loadTrials } from './report/load-trials.js';
export { type ChallengeOptions, measureChallenge } from './runner/challenge.js';
export { CHALLENGE_APP } from './runner/challenge-app.js';
export type { Manager, ManagerStart, StartManager } from './runner/managers/manager.js';
export { SupervisorClient, type SupervisorClientOptions, startResilab } from './runner/managers/resilab.js';
export type { MeasureOptions, Phase, Progress } from './runner/options.js';
export { measureScenario } from './runner/run.js';
export * from './supervise.js';
export type * from './types.js';
