// Lint rules, chief among them the layering the README's "How the code is laid out" describes: core never imports
// Electron, the renderer never imports Node and shares only electron/core/domain (and the contract built from it),
// main, web and cli do not import each other, and SQL is written only in electron/core/db/.

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
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
  {
    group: ['better-sqlite3', 'docx', 'pdf-lib', 'playwright-core'],
    message: 'Node-only libraries stay in electron/core.',
  },
];

/**
 * main, web and cli are three ways in (the app, the browser bridge, the command line): each shares through core.
 * (The preload's channel list is main's and the preload's own contract; the preload imports none of them.)
 */
const ENTRY_POINTS = ['main', 'web', 'cli'];
const entryPointRule = (self) => ({
  files: [`electron/${self}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ENTRY_POINTS.filter((other) => other !== self).map((other) => `**/${other}/**`),
            message: 'main, web and cli do not import each other: what they share lives in electron/core.',
          },
        ],
      },
    ],
  },
});

/** SQL is written in electron/core/db/ only: every other module calls a function there. */
const SQL_OUTSIDE_DB = 'SQL lives in electron/core/db/: add a function there and call it.';
const SQL_TEXT = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)\\s/';

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
    // Promises are awaited, returned, or marked `void` on purpose; none is handed where a callback's result is ignored.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core runs under plain Node: it never imports Electron.' }],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/web/**', '**/cli/**'],
              message: 'core does not import its callers.',
            },
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
            {
              group: ['node:*', ...NODE_BUILTINS],
              message: 'The domain is pure: no Node built-ins (the renderer shares it).',
            },
            {
              group: ['../db/**', '../export/**', '../sync/**', '../*.ts', '../../**'],
              message: 'The domain imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  ...ENTRY_POINTS.map(entryPointRule),
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/web/**', '**/cli/**', '**/core/**'],
              message: 'The preload shares only the contract and its channel list.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/core/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='prepared']", message: SQL_OUTSIDE_DB },
        {
          selector: 'CallExpression[callee.property.name=/^(prepare|pragma|exec)$/][callee.object.name=/(^db|Db|DB)$/]',
          message: SQL_OUTSIDE_DB,
        },
        {
          selector: "CallExpression[callee.property.name=/^(prepare|pragma|exec)$/][callee.object.property.name='db']",
          message: SQL_OUTSIDE_DB,
        },
        { selector: `Literal[value=${SQL_TEXT}]`, message: SQL_OUTSIDE_DB },
        { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: SQL_OUTSIDE_DB },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: RENDERER_PATHS, patterns: RENDERER_PATTERNS }] },
  },
  {
    // Stores hold the model and the actions; components and views render them, never the other way round.
    files: ['renderer/src/stores/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: RENDERER_PATHS,
          patterns: [
            ...RENDERER_PATTERNS,
            { group: ['**/components/**', '**/views/**'], message: 'A store never imports components or views.' },
          ],
        },
      ],
    },
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
            {
              group: ['**/api.ts', '**/api'],
              message: 'Components call store actions; only stores call renderer/src/api.ts.',
            },
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
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'desk', message: 'Only renderer/src/api.ts talks to the API.' },
      ],
    },
  },
);
