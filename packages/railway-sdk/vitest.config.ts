import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('railway-sdk', {
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
