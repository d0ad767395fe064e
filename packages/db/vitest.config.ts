import { packageTestConfig } from '../../vitest.shared';

// The model for every package whose tests need Postgres: one globalSetup per vitest run starts
// (or reuses, via DATABASE_URL) the server and the migrated template; each test file then calls
// createTestDatabase() from '@roundhouse/db/testing'. Other packages write the package path:
//   globalSetup: ['@roundhouse/db/testing/global-setup']
// (this package can't import itself by name, hence the relative path here).
export default packageTestConfig('db', {
  test: {
    globalSetup: ['./src/testing/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
