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
export { type ControlServer, type ServeOptions, serveControl } from './daemon/server.js';
export { ERROR_CODES, EXIT, isLabError, LabError } from './errors.js';
export { exportK6, type K6Export, type K6Options } from './export/k6.js';
export { type LiveServer, startLiveServer } from './live/server.js';
export { type Comparison, compareResults } from './metrics/compare.js';
export { computeResults } from './metrics/results.js';
export { evaluateThresholds, parseExpectFlag } from './metrics/thresholds.js';
export { computeVariant } from './metrics/variant.js';
export { renderComparison } from './report/compare-table.js';
export * from './report/index.js';
export type { Phase, Progress, RunOptions } from './runner/options.js';
export { runScenario } from './runner/run.js';
export { SupervisorClient, type SupervisorClientOptions } from './supervisor/client.js';
export { type ForegroundOptions, runForeground } from './supervisor/foreground.js';
export { Supervisor, type SupervisorOptions } from './supervisor/supervisor.js';
export type * from './types.js';
