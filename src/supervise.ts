// The supervisor's slice of the public API (index.ts re-exports it): what `resilab runtime`,
// `start` and the ecosystem commands load. Kept apart because index.ts also loads the report
// stack (canvas, chart.js): +30 MB RSS in a runtime that should stay lean, and ~1 s per command.
export { appsFromTarget, loadEcosystem, type RuntimeFlags } from './config/ecosystem.js';
export { type ControlServer, type ServeOptions, serveControl } from './host/daemon/server.js';
export { type ForegroundOptions, runForeground } from './host/runtime.js';
export { Supervisor, type SupervisorOptions } from './supervisor/supervisor.js';
