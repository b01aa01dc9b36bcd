// Lint rules, chief among them the layering of DEVELOPERS.md: core never imports Electron, the renderer never
// imports Node, and the renderer shares only electron/core/domain (and the contract that is built from it).

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

const RENDERER_PATHS = [
  { name: 'electron', message: 'The renderer never imports Electron: it talks to window.desk through api.ts.' },
];
const RENDERER_PATTERNS = [
  { group: ['node:*', ...NODE_BUILTINS], message: 'The renderer runs in a sandboxed page: no Node.' },
  {
    regex: '^(\\.\\./)+electron/(?!core/domain(/|$)|contract(\\.ts)?$)',
    message: 'The renderer shares only electron/core/domain and electron/contract.ts.',
  },
  { group: ['better-sqlite3', 'docx', 'pdf-lib', 'playwright-core'], message: 'Node-only libraries stay in electron/core.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core runs under plain Node: it never imports Electron.' }],
          patterns: [
            { group: ['**/main/**', '**/preload/**', '**/web/**', '**/cli/**'], message: 'core does not import its callers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The domain is pure.' }],
          patterns: [
            { group: ['node:*', ...NODE_BUILTINS], message: 'The domain is pure: no Node built-ins (the renderer shares it).' },
            { group: ['../db/**', '../export/**', '../sync/**', '../*.ts', '../../**'], message: 'The domain imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: RENDERER_PATTERNS }] },
  },
  {
    // Views and components reach the application only through the stores' actions (DESIGN: view → action → api.ts).
    files: ['renderer/src/views/**/*.tsx', 'renderer/src/components/**/*.{ts,tsx}', 'renderer/src/App.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: RENDERER_PATHS,
          patterns: [
            ...RENDERER_PATTERNS,
            { group: ['**/api.ts', '**/api'], message: 'Components call store actions; only stores call renderer/src/api.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only renderer/src/api.ts talks to the API.' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'desk', message: 'Only renderer/src/api.ts talks to the API.' }],
    },
  },
);
