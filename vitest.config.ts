import { defineConfig } from 'vitest/config';

// One runner for unit, integration and e2e tests. Two cores: files run two at a time;
// integration and e2e tests start real processes, hence the generous timeouts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
