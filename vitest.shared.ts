import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The test config every package starts from: the default console reporter plus a JSON report in
 * <package>/test-results/vitest.json (a turbo output, so cached runs restore it), which `.ci/run`
 * sums into one closing line. `name` labels the package in that summary.
 */
export function packageTestConfig(name: string, config: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      test: {
        name,
        reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
      },
    }),
    config,
  );
}
