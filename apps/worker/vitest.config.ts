import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('worker', {
  test: {
    globalSetup: ['@roundhouse/db/testing/global-setup'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
