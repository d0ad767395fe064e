import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`pnpm --filter @roundhouse/web test:e2e`): the whole system started as the
 * README starts it, driven by Chromium. One file at a time (each starts a stack), long timeouts,
 * and a JSON report next to the unit tests' for the CI summary.
 */
export default defineConfig({
  test: {
    name: 'web-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-e2e.json' }]],
  },
});
