// Lint rules, including the layering: shared imports nothing platform-specific, core never imports electron,
// the renderer sees only shared code and the preload's types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'zlib', 'stream', 'url', 'util', 'events'];

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'] }],
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/server/**/*.ts', 'src/main/cli*.ts', 'src/main/cli-commands/**/*.ts', 'src/main/api.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'react', 'react-dom', '**/renderer/**', '**/preload/**', '**/electron/**'] }],
    },
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '**/renderer/**'] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins.map((p) => ({ group: [p] })), { group: ['zod', '**/main/**', '**/renderer/**', '**/shared/contract', '**/shared/manifest'], allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', '**/main/**', 'isomorphic-git', 'ws', 'chokidar'] }],
    },
  },
);
