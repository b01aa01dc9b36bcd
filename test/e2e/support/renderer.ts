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

/**
 * Written after a build made here (in node_modules' cache, so it is never packaged). Vite builds React's development
 * bundle when NODE_ENV says "test" (as it does inside vitest): slower, and running every effect twice under
 * StrictMode. The tests and the benches must see the production build that ships, so a build without this mark
 * (made some other way) is made again.
 */
const PRODUCTION_MARK = path.join(ROOT, 'node_modules', '.cache', 'decision-desk', 'renderer-production-build');

/** Builds the window with Vite, for production, when out/renderer is missing, not so built, or older than its sources. */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_OUT, 'index.html');
  const marked =
    fs.existsSync(PRODUCTION_MARK) &&
    fs.existsSync(index) &&
    fs.statSync(PRODUCTION_MARK).mtimeMs >= fs.statSync(index).mtimeMs;
  const builtAt = marked ? fs.statSync(PRODUCTION_MARK).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestChange))) return;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--mode',
      'production',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  fs.mkdirSync(path.dirname(PRODUCTION_MARK), { recursive: true });
  fs.writeFileSync(PRODUCTION_MARK, 'vite build --mode production, NODE_ENV=production\n');
}
