// Finds a Chromium or Chrome executable for the PDF engine, the CLI, browser mode and the end-to-end tests.

import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../domain/index.ts';

/** Flags for a headless Chromium that stays quiet: no sandbox (containers), no GPU, no calls home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class ChromiumNotFoundError extends DeskError {
  override name = 'ChromiumNotFoundError';
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** Where Chromium, Chrome or Edge are installed by default, most likely first. */
export function chromiumCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => !!root,
    );
    return [
      ...roots.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((root) => path.win32.join(root, 'Chromium', 'Application', 'chrome.exe')),
      ...roots.map((root) => path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

/**
 * CHROMIUM_PATH when set (and then only it: a wrong setting is reported, not silently replaced), otherwise the
 * first installed candidate.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  isFile: (file: string) => boolean = isExecutableFile,
): string {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (isFile(chosen)) return chosen;
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is set to "${chosen.slice(0, 200)}", but there is no program there. ` +
        'Point it at a Chromium or Chrome executable, or unset it to use an installed Chromium.',
    );
  }
  const found = chromiumCandidates(platform, env).find((candidate) => isFile(candidate));
  if (found) return found;
  throw new ChromiumNotFoundError(
    'No Chromium or Chrome was found. Install it (on Debian or Ubuntu: `apt-get install chromium`), ' +
      'or set CHROMIUM_PATH to the browser executable.',
  );
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
