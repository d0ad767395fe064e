import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('devstack', {
  test: {
    globalSetup: ['@roundhouse/db/testing/global-setup'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
