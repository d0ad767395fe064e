// apps/web: the root rules plus React, hooks and "no hard-coded user-visible strings".
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
      // Every visible string comes from the i18n catalogs (test/i18n.test.ts checks them).
      'react/jsx-no-literals': [
        'error',
        {
          noStrings: false,
          ignoreProps: true,
          allowedStrings: [
            'Roundhouse',
            '·',
            '—',
            '–',
            '/',
            ':',
            '(',
            ')',
            '%',
            '…',
            '×',
            '+',
            '-',
            '|',
            '#',
          ],
        },
      ],
    },
  },
];
