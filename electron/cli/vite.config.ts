// Builds the command line (electron/cli/main.ts) into out/cli/main.js, which bin/decision-desk.mjs runs with plain
// Node: dependencies stay in node_modules, loaded at run time; the TypeScript runner (tsx) is for development only.

import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  // No public folder, no .env files: nothing but the program goes into out/cli.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    // An SSR build is a Node build: node: built-ins and every package in node_modules stay external imports.
    ssr: path.join(root, 'electron/cli/main.ts'),
    outDir: path.join(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20.19',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
