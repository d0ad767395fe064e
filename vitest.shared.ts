import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

const resultsDir = fileURLToPath(new URL('./test-results/', import.meta.url));

/**
 * The test config every package starts from: the default console reporter plus a JSON report
 * in <repo>/test-results/<name>.json, which `.ci/run` sums into one closing line.
 */
export function packageTestConfig(name: string, config: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      test: {
        reporters: ['default', ['json', { outputFile: `${resultsDir}${name}.json` }]],
      },
    }),
    config,
  );
}
