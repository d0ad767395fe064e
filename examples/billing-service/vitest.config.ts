import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('example-billing-service', {
  test: {
    globalSetup: ['@roundhouse/db/testing/global-setup'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
