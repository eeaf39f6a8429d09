// @ts-check
// Layering rules from docs/architecture.md §1 are enforced here with no-restricted-imports, one block per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const nodeSide = ['node:*', 'better-sqlite3', 'undici', '@ngrok/ngrok', 'fast-xml-parser'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeSide, message: 'shared/ is pure TypeScript.' },
            {
              group: ['**/core/**', '**/main/**', '**/headless/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ imports nothing outside shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/headless/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'core and headless are UI-free.' }],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'core/headless may not reach the shells or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeSide, message: 'The renderer talks to core only through the ApiClient.' },
            {
              group: ['**/core/**', '**/main/**', '**/headless/**', '**/preload/**'],
              message: 'The renderer talks to core only through the ApiClient.',
            },
          ],
        },
      ],
    },
  },
);
