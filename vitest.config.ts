import { defineConfig } from 'vitest/config';

// Integration tests start real processes and real load on a 2-core machine: files run one at a
// time so one test's load never distorts another's measurements. Unit tests are pure (no process,
// no socket, no global left changed), so they share one worker instead of paying a fresh one per
// file (measured: 90 files in 95 s isolated vs 16 s shared, on a busy machine).
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
    ],
  },
});
