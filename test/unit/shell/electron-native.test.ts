// scripts/electron-native.mjs: the Electron build of better-sqlite3 is made in a copy of the module and kept beside
// the Node build, which is never touched; an existing build is reused; a failed build leaves nothing behind.
// (The real rebuild needs Electron's headers from the internet; here a stand-in step plays the compiler.)

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appLocations, nativeBindingFolder } from '../../../electron/main/locations.ts';
import { fileDigest, tmpDataDir } from '../../helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface RebuildArgs {
  buildPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}
interface NativeScript {
  nativeBindingFolder(version: string, platform: string, arch: string): string;
  installedElectronVersion(root?: string): string;
  ensureElectronNative(options: {
    root?: string;
    electronVersion?: string;
    platform?: string;
    arch?: string;
    rebuild?: (args: RebuildArgs) => Promise<void>;
    verify?: (file: string, electronVersion: string) => void;
    log?: (line: string) => void;
  }): Promise<string>;
  checkBuiltForElectron(file: string, electronVersion: string): void;
  beforePack(context: { electronPlatformName: string; arch: number; packager?: unknown }): Promise<void>;
  BUILDER_ARCH: Record<number, string>;
}

let script: NativeScript;
beforeAll(async () => {
  // Imported by address: it is a plain .mjs script with no type declarations.
  script = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'electron-native.mjs')).href)) as NativeScript;
});

let root: string;
let nodeBuild: string;

/** A project folder with a better-sqlite3 that has sources and a Node build, like node_modules after npm install. */
beforeEach(() => {
  root = tmpDataDir('decision-desk-native-root-');
  const module = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(module, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(path.join(module, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(module, 'package.json'),
    JSON.stringify({ name: 'better-sqlite3', version: '12.6.2', dependencies: { 'prebuild-install': '^7' } }),
  );
  fs.writeFileSync(path.join(module, 'binding.gyp'), '{}');
  fs.writeFileSync(path.join(module, 'src', 'better_sqlite3.cpp'), '// sources');
  nodeBuild = path.join(module, 'build', 'Release', 'better_sqlite3.node');
  fs.writeFileSync(nodeBuild, 'THE NODE BUILD');
  fs.mkdirSync(path.join(root, 'node_modules', 'prebuild-install'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'prebuild-install', 'package.json'), '{"name":"prebuild-install"}');
});

/** Plays @electron/rebuild: writes an "Electron build" where node-gyp would, and records what it saw. */
function fakeRebuild(seen: {
  args?: RebuildArgs;
  hadBuildFolder?: boolean;
  hadSources?: boolean;
  hadPrebuildInstall?: boolean;
}) {
  return async (args: RebuildArgs) => {
    const module = path.join(args.buildPath, 'node_modules', 'better-sqlite3');
    seen.args = args;
    seen.hadBuildFolder = fs.existsSync(path.join(module, 'build'));
    seen.hadSources = fs.existsSync(path.join(module, 'src', 'better_sqlite3.cpp'));
    seen.hadPrebuildInstall = fs.existsSync(
      path.join(args.buildPath, 'node_modules', 'prebuild-install', 'package.json'),
    );
    fs.mkdirSync(path.join(module, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(
      path.join(module, 'build', 'Release', 'better_sqlite3.node'),
      `ELECTRON ${args.electronVersion} ${args.platform}-${args.arch}`,
    );
  };
}

const quiet = () => {};
// The stand-in builds are text, not binaries: the ABI check has its own tests below.
const noCheck = () => {};

describe('building', () => {
  it('builds in a copy and writes native/electron-<version>-<platform>-<arch>/better_sqlite3.node', async () => {
    const before = fileDigest(nodeBuild);
    const seen: Parameters<typeof fakeRebuild>[0] = {};
    const target = await script.ensureElectronNative({
      root,
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      rebuild: fakeRebuild(seen),
      verify: noCheck,
      log: quiet,
    });
    expect(target).toBe(path.join(root, 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'));
    expect(fs.readFileSync(target, 'utf8')).toBe('ELECTRON 45.5.0 linux-x64');
    expect(fileDigest(nodeBuild)).toBe(before);
    expect(seen.args!.buildPath.startsWith(os.tmpdir())).toBe(true);
    expect(seen.hadBuildFolder).toBe(false);
    expect(seen.hadSources).toBe(true);
    expect(seen.hadPrebuildInstall).toBe(true);
    expect(fs.existsSync(seen.args!.buildPath)).toBe(false);
  });

  it('reuses a build that exists, without rebuilding', async () => {
    await script.ensureElectronNative({
      root,
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      rebuild: fakeRebuild({}),
      verify: noCheck,
      log: quiet,
    });
    let rebuilt = false;
    await script.ensureElectronNative({
      root,
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      rebuild: async () => {
        rebuilt = true;
      },
      log: quiet,
    });
    expect(rebuilt).toBe(false);
  });

  it('drops builds for Electron versions no longer installed, and keeps other targets', async () => {
    const run = (electronVersion: string, arch: string) =>
      script.ensureElectronNative({
        root,
        electronVersion,
        platform: 'linux',
        arch,
        rebuild: fakeRebuild({}),
        verify: noCheck,
        log: quiet,
      });
    await run('44.0.0', 'x64');
    await run('44.0.0', 'arm64');
    await run('45.5.0', 'x64');
    expect(fs.readdirSync(path.join(root, 'native')).sort()).toEqual([
      'electron-44.0.0-linux-arm64',
      'electron-45.5.0-linux-x64',
    ]);
  });

  it('leaves nothing behind when the build fails, and the Node build as it was', async () => {
    const before = fileDigest(nodeBuild);
    let staging = '';
    await expect(
      script.ensureElectronNative({
        root,
        electronVersion: '45.5.0',
        platform: 'linux',
        arch: 'x64',
        rebuild: async ({ buildPath }) => {
          staging = buildPath;
          throw new Error('gyp ERR! could not download headers');
        },
        log: quiet,
      }),
    ).rejects.toThrow('could not download headers');
    expect(fs.existsSync(path.join(root, 'native'))).toBe(false);
    expect(fs.existsSync(staging)).toBe(false);
    expect(fileDigest(nodeBuild)).toBe(before);
  });

  it('fails clearly when the rebuild produced no binary', async () => {
    await expect(
      script.ensureElectronNative({
        root,
        electronVersion: '45.5.0',
        platform: 'linux',
        arch: 'x64',
        rebuild: async () => {},
        log: quiet,
      }),
    ).rejects.toThrow(/without producing better_sqlite3.node/);
  });

  it('fails clearly before npm install', async () => {
    const empty = tmpDataDir();
    await expect(
      script.ensureElectronNative({
        root: empty,
        electronVersion: '45.5.0',
        rebuild: fakeRebuild({}),
        verify: noCheck,
        log: quiet,
      }),
    ).rejects.toThrow(/not installed/);
  });
});

describe('the ABI check', () => {
  const nodeBuildOfProject = path.join(
    ROOT,
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );

  it('refuses a build made for Node (as a machine with npm_config_nodedir would make)', () => {
    expect(() => script.checkBuiltForElectron(nodeBuildOfProject, '45.5.0')).toThrow(
      /compiled for Node, not Electron 45.5.0/,
    );
  });

  it('keeps such a build out of native/', async () => {
    await expect(
      script.ensureElectronNative({
        root,
        electronVersion: '45.5.0',
        rebuild: async ({ buildPath }) => {
          const release = path.join(buildPath, 'node_modules', 'better-sqlite3', 'build', 'Release');
          fs.mkdirSync(release, { recursive: true });
          fs.copyFileSync(nodeBuildOfProject, path.join(release, 'better_sqlite3.node'));
        },
        log: quiet,
      }),
    ).rejects.toThrow(/compiled for Node/);
    expect(fs.existsSync(path.join(root, 'native'))).toBe(false);
  });
});

describe('agreement with the app and electron-builder', () => {
  it('names the folder as the main process looks for it', () => {
    for (const [version, platform, arch] of [
      ['45.5.0', 'linux', 'x64'],
      ['45.5.0', 'win32', 'x64'],
      ['45.5.0', 'darwin', 'arm64'],
    ] as const) {
      expect(script.nativeBindingFolder(version, platform, arch)).toBe(nativeBindingFolder(version, platform, arch));
    }
    const dev = appLocations({
      isPackaged: false,
      appPath: root,
      resourcesPath: '/unused',
      mainDir: path.join(root, 'out', 'main'),
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
    });
    expect(dev.nativeBinding).toBe(path.join(root, 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'));
    const installed = appLocations({
      isPackaged: true,
      appPath: '/opt/x/resources/app.asar',
      resourcesPath: '/opt/x/resources',
      mainDir: '/opt/x/resources/app.asar/out/main',
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
    });
    expect(installed.nativeBinding).toBe(
      path.join('/opt/x/resources', 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'),
    );
    expect(installed.dictionariesDir).toBe(path.join('/opt/x/resources', 'dictionaries'));
    expect(installed.preloadFile).toBe(path.join('/opt/x/resources/app.asar/out/preload/index.cjs'));
  });

  it('reads the installed Electron version', () => {
    expect(script.installedElectronVersion(ROOT)).toMatch(/^45\.\d+\.\d+$/);
  });

  it('knows electron-builder’s architecture numbers', () => {
    const { Arch } = createRequire(import.meta.url)('builder-util') as { Arch: Record<string, number> };
    for (const [number, name] of Object.entries(script.BUILDER_ARCH)) expect(Arch[name]).toBe(Number(number));
  });

  it('refuses, as a beforePack hook, a target it cannot build here', async () => {
    const other = process.platform === 'win32' ? 'darwin' : 'win32';
    await expect(
      script.beforePack({
        electronPlatformName: other,
        arch: 1,
        packager: { info: { framework: { version: '0.0.1-never' } } },
      }),
    ).rejects.toThrow(/is missing: build it on/);
    await expect(script.beforePack({ electronPlatformName: 'darwin', arch: 4 })).rejects.toThrow(/universal/);
  });
});
