// Node flags for the supervisor hosts resilab starts itself (the runner's `runtime --ipc` and
// the daemon). A supervisor allocates little and lives long: capping V8's young generation at 1 MB
// per semi-space (default: grows to 16 MB) keeps its RSS down at the cost of more, cheaper minor
// GCs. Measured with 4 instances: 61 MB without, 59 MB with (bench/restart-latency.js).
export const SUPERVISOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
