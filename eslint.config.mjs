import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The engine stays pure: no editor, no training library, no process control. (The same rules, and
    // which layer may import which, are checked on every file by test/unit/architecture/layers.test.ts.)
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads', 'cluster', 'node:cluster', 'ioredis', 'redis'],
        patterns: ['@tensorflow/*', '@redis/*', '**/runner', '**/runner/**', '**/cli', '**/cli/**', '**/extension', '**/extension/**', '**/protocol', '**/protocol/**'],
      }],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    // The extension host only renders and spawns: training and sampling happen in the study process.
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tensorflow/*', '**/runner', '**/runner/**', '**/cli', '**/cli/**'] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
  },
);
