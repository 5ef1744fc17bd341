// Lint rules for every part; the runtime boundaries (no electron in core modules) are enforced here too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
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
    // Core modules stay plain Node so the CLI and tests can load them.
    files: [
      'electron/vault/**',
      'electron/cli/**',
      'electron/qr/**',
      'electron/transfer/**',
      'electron/import/**',
      'electron/services/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', 'electron-store'] }] },
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
