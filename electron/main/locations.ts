// Where the app finds its parts, in development (the project folder) and when installed (the packaged resources).

import path from 'node:path';

export interface Locations {
  /** The built renderer, served at app://app/. */
  rendererDir: string;
  /** The preload, bundled as CommonJS (a sandboxed preload cannot be an ES module). */
  preloadFile: string;
  /** better-sqlite3 built for Electron's ABI, kept beside (never over) the Node build the tests and CLI use. */
  nativeBinding: string;
  /** The shipped spell-check dictionaries. */
  dictionariesDir: string;
  /** The core host's entry, run in a utility process (electron-vite builds it beside the main bundle). */
  coreEntry: string;
}

export interface LocationInputs {
  isPackaged: boolean;
  /** app.getAppPath(): the project folder in development. */
  appPath: string;
  /** process.resourcesPath: the installed app's resources folder. */
  resourcesPath: string;
  /** The folder of the running main bundle (out/main). */
  mainDir: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

/** The appId in electron-builder.yml: Windows groups the taskbar and notifications by it. */
export const APP_USER_MODEL_ID = 'app.decisiondesk.desktop';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

/** One folder per Electron version and target, as scripts/electron-native.mjs names it. */
export function nativeBindingFolder(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function appLocations(inputs: LocationInputs): Locations {
  // Installed, the native build and the dictionaries are extraResources beside app.asar, never inside it.
  const shipped = inputs.isPackaged ? inputs.resourcesPath : path.join(inputs.appPath, 'resources');
  const nativeRoot = inputs.isPackaged ? inputs.resourcesPath : inputs.appPath;
  return {
    rendererDir: path.join(inputs.mainDir, '..', 'renderer'),
    preloadFile: path.join(inputs.mainDir, '..', 'preload', 'index.cjs'),
    nativeBinding: path.join(
      nativeRoot,
      'native',
      nativeBindingFolder(inputs.electronVersion, inputs.platform, inputs.arch),
      NATIVE_BINDING_FILE,
    ),
    dictionariesDir: path.join(shipped, 'dictionaries'),
    coreEntry: path.join(inputs.mainDir, 'core-entry.js'),
  };
}
