// The workspace rules, plus the point of this example: its code reaches the API only through
// the typed client entry point, never through server modules or the database.
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@roundhouse/(?!api/client$)',
              message: 'A client service imports only @roundhouse/api/client.',
            },
          ],
        },
      ],
    },
  },
];
