// electron-vite: the main process, the preload script and the window, built into out/ for `npm start` and packaging.

import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config.ts';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Two entries: the main process, and the core host it runs in a utility process (out/main/core-entry.js).
      lib: {
        entry: {
          index: path.join(root, 'electron/main/index.ts'),
          'core-entry': path.join(root, 'electron/main/core-entry.ts'),
        },
      },
      // better-sqlite3 (native) and the other dependencies load from node_modules at run time.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload is run by Electron's own loader, which knows neither ES modules nor node_modules:
      // one CommonJS file with everything but `electron` bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    // Set here again: electron-vite bundles the two config files into one, which moves import.meta.dirname.
    root: path.join(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: path.join(root, 'out/renderer'),
      rolldownOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});
