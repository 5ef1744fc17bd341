// Lint rules for every part; the floors of electron/ and the runtime boundaries are enforced here too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import floors from './scripts/eslint-floors.js';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      // An import circle on purpose, linted only by test/unit/lint-floors.test.ts.
      'test/fixtures/lint-cycle/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', 'react', 'fs', 'path', 'crypto'] },
      ],
    },
  },
  {
    // The floors (scripts/eslint-floors.js) and no import circles, types included.
    files: ['**/*.{ts,tsx}'],
    plugins: { authdesk: floors },
    rules: { 'authdesk/floors': 'error', 'authdesk/no-cycle': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron'] }],
    },
  },
);
