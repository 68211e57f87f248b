import { defineConfig } from 'vitest/config';

// Integration tests start real processes and real load on a 2-core machine: files run one at a
// time so one test's load never distorts another's measurements.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
