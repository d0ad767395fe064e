// Shared lint config for every workspace package (ESLint finds it from the package's cwd).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/*.d.ts', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in the package or app env.ts (DESIGN §1).',
        },
      ],
    },
  },
  {
    // env.ts files, configs, scripts and tests are where process.env may be read.
    files: ['**/env.ts', '**/*.config.ts', '**/scripts/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  prettier,
);
