// The public API of resilab. Only re-exports live here.
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
export { computeResults } from './metrics/results.js';
export { computeVariant } from './metrics/variant.js';
export { SupervisorClient, type SupervisorClientOptions } from './supervisor/client.js';
export { type ForegroundOptions, runForeground } from './supervisor/foreground.js';
export { Supervisor, type SupervisorOptions } from './supervisor/supervisor.js';
export type * from './types.js';
