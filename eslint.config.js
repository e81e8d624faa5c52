// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'data/', 'coverage/', 'test-artifacts/', 'verifier/', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core runs unchanged in the browser verifier: no Node APIs, no IO, no clock, no
    // randomness of its own, nothing from the office, the store or the server.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/core must stay browser-safe: no node: imports.' },
            {
              regex: '^(fs|path|os|crypto|child_process|worker_threads|http|https|net|url|util|stream|buffer)$',
              message: 'src/core must stay browser-safe: no Node built-ins.',
            },
            {
              group: ['**/office/**', '**/store/**', '**/server/**', '**/cli/**', '**/engine/**', 'kysely', 'better-sqlite3', 'fastify'],
              message: 'src/core must not depend on the office, the store, the server or the CLI.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core has no process: pass values in.' },
        { name: 'Buffer', message: 'src/core uses Uint8Array, not Buffer.' },
        { name: 'fetch', message: 'src/core does no IO.' },
        { name: 'setTimeout', message: 'src/core has no clock.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/core has no clock: pass the time in.' },
        { object: 'Math', property: 'random', message: 'src/core has no randomness of its own.' },
        { object: 'crypto', property: 'getRandomValues', message: 'src/core has no randomness of its own.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'src/core has no clock: pass the time in.' },
      ],
    },
  },
);
