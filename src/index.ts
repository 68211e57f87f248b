// The public API of resilab: the library (api.ts) and the suites built on it. Only re-exports live here.

export * from './api.js';
export { type CiOptions, runCi } from './suites/ci/run-ci.js';
export { type CiEntry, renderCiMarkdown } from './suites/ci/summary.js';
export { type LabOptions, runLab } from './suites/lab/run-lab.js';
