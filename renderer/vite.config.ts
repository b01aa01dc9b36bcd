// Builds the window (renderer/) into out/renderer, which the web bridge serves and electron-vite reuses.

import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: import.meta.dirname,
  // Relative asset URLs work both from app:// in Electron and from the bridge's "/".
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // The page's CSP has no 'unsafe-inline': keep every asset a file, never an inline data: script or style.
    assetsInlineLimit: 0,
  },
};

export default defineConfig(rendererConfig);
