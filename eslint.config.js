import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/data/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The page asks and shows: files are read, parsed and cleaned in the engine's workers only.
    files: ['src/ui/**', 'src/main.ts', 'src/engine/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/input/**', '**/core/clean/**', '**/core/pipeline/**', '**/core/aggregate/**', '**/core/dedup/**'],
              allowTypeImports: true,
              message: 'The page never parses or cleans: run a job through src/engine/client.ts.',
            },
            {
              group: ['**/engine/*', '!**/engine/client.ts', '!**/engine/api.ts', '!**/engine/engineError.ts'],
              allowTypeImports: true,
              message: 'The page reaches the engine through src/engine/client.ts; the rest runs in workers.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs in workers, in Node and in Vitest: it may not reach into the app or a platform.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', '**/platform/**', '**/worker/**', '**/state/**', '**/cli/**'], message: 'src/core is pure: no app, platform or worker code.' },
            { group: ['svelte', 'svelte/*', 'comlink', 'dexie', 'node:*', 'fs', 'path', 'worker_threads'], message: 'src/core is pure TypeScript: no Svelte, Comlink, Dexie or Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // Every spec fails on a request to another origin or a CSP violation (tests/e2e/support/test.ts).
    files: ['tests/e2e/**/*.ts'],
    ignores: ['tests/e2e/support/test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', importNames: ['test'], message: "Import test from './support/test.ts': it checks that nothing leaves the origin." }] },
      ],
    },
  },
);
