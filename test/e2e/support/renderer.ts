// Makes sure out/renderer holds a build of the current window sources before a test serves it.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');

/** What the window is built from: its own sources and what it shares with the core. */
const SOURCES = ['renderer', 'electron/core/domain', 'electron/contract.ts'].map((source) => path.join(ROOT, source));

function newestChange(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

/** Builds the window with Vite when out/renderer is missing or older than any of its sources. */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_OUT, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestChange))) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}
