import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('web', {
  test: { environment: 'node', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
