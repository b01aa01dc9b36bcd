// The installers' configuration, read and validated by electron-builder itself, and one real (unpacked) Linux
// package made with a stand-in Electron binary: what goes into app.asar, what goes beside it, and the fuses.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../electron/main/locations.ts';
import { tmpDataDir } from '../../helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const run = promisify(execFile);

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
type Config = Record<string, unknown> & {
  files: { filter: string[] }[];
  asarUnpack: string[];
  extraResources: FileSet[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string; role: string; mimeType: string }[];
  win: { target: string[]; icon: string };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  mac: { target: { target: string; arch: string[] }[]; icon: string };
  linux: { target: string[]; icon: string };
};

let config: Config;

beforeAll(async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null, options: null): Promise<Config>;
    validateConfiguration(config: Config, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  config = await getConfig(ROOT, null, null);
  // Throws on any unknown key or wrong type, exactly as `electron-builder` would before building.
  await validateConfiguration(config, new DebugLogger(false));
});

describe('the electron-builder configuration', () => {
  it('names the app, neutrally, as the main process does', () => {
    expect(config.appId).toBe('app.decisiondesk.desktop');
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Decision Desk');
    expect(config.copyright).toMatch(/Copyright ©/);
  });

  it('builds every installer: NSIS and MSI, dmg, AppImage and deb', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target.map((target) => target.target)).toEqual(['dmg']);
    expect(config.mac.target[0]!.arch).toEqual(['x64', 'arm64']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('installs per user with NSIS (no administrator rights) and per machine with the MSI', () => {
    expect(config.nsis).toMatchObject({
      perMachine: false,
      allowElevation: false,
      oneClick: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('flips the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('opens .ddrecord files in the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'ddrecord', role: 'Editor', name: 'Decision Desk record' }),
    ]);
  });

  it('ships the Electron build of better-sqlite3 and the dictionary beside app.asar, and never rebuilds node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.extraResources).toEqual([
      { from: 'native', to: 'native', filter: ['electron-*-${platform}-${arch}/better_sqlite3.node'] },
      { from: 'resources/dictionaries', to: 'dictionaries' },
    ]);
    expect(config.beforePack).toBe('./scripts/electron-native.mjs');
  });

  it('packs only the built bundles and runtime dependencies', () => {
    // electron-builder merges the list into one file set.
    const patterns = config.files.flatMap((set) => set.filter);
    expect(patterns.filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**/*', 'package.json']);
    expect(patterns).toEqual(
      expect.arrayContaining([
        '!**/*.map',
        '!{electron,renderer,test,docs,scripts,build,native,resources}{,/**/*}',
        '!node_modules/better-sqlite3/{build,deps,src}{,/**/*}',
        '!out/cli{,/**/*}',
        '!node_modules/playwright-core{,/**/*}',
      ]),
    );
  });

  it('has its hook, and every icon it names', async () => {
    const hook = (await import(path.join(ROOT, 'scripts', 'electron-native.mjs'))) as { beforePack?: unknown };
    expect(typeof hook.beforePack).toBe('function');
    for (const file of [config.win.icon, config.mac.icon]) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    expect(fs.readdirSync(path.join(ROOT, config.linux.icon)).sort()).toEqual(
      ['16x16.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png'].sort(),
    );
  });

  it('adds the dist scripts to package.json', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['dist:win']).toMatch(/electron-vite build && electron-builder --win/);
    expect(scripts['dist:mac']).toMatch(/electron-vite build && electron-builder --mac/);
    expect(scripts['dist:linux']).toMatch(/electron-vite build && electron-builder --linux/);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    engines: { node: string };
    bin: Record<string, string>;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('runs the bin from the CLI built to JavaScript; tsx is for development only', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.devDependencies)).toContain('tsx');
    expect(pkg.scripts['build:cli']).toBe('vite build --config electron/cli/vite.config.ts');
    expect(pkg.scripts.build).toMatch(/electron-vite build && npm run build:cli/);
    const bin = fs.readFileSync(path.join(ROOT, pkg.bin['decision-desk']!), 'utf8');
    expect(bin).toContain("'../out/cli/main.js'");
    expect(bin).not.toMatch(/['"]tsx/);
  });

  it('declares one Node version, which every runtime dependency accepts, and the README and CI say the same', () => {
    const semver = require('semver') as {
      minVersion(range: string): { version: string } | null;
      satisfies(v: string, r: string): boolean;
    };
    expect(pkg.engines.node).toMatch(/^>=\d+\.\d+$/);
    const minimum = semver.minVersion(pkg.engines.node)!.version;
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(
        ([name, entry]) =>
          name !== '' && !entry.dev && entry.engines?.node && !semver.satisfies(minimum, entry.engines.node),
      )
      .map(([name, entry]) => `${name} (${entry.engines!.node})`);
    expect(refusing).toEqual([]);
    const [major, minor] = minimum.split('.');
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`Node ${major}.${minor} or later`);
    expect(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('engines.node');
  });
});

describe('the icons', () => {
  const pngSize = (png: Buffer) => {
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  };

  it('icon.png is 512 px, and each Linux icon is the size its name says', () => {
    expect(pngSize(fs.readFileSync(path.join(ROOT, 'build', 'icon.png')))).toEqual({ width: 512, height: 512 });
    for (const name of fs.readdirSync(path.join(ROOT, 'build', 'icons'))) {
      const size = Number(name.split('x')[0]);
      expect(pngSize(fs.readFileSync(path.join(ROOT, 'build', 'icons', name)))).toEqual({ width: size, height: size });
    }
  });

  it('icon.ico holds PNGs from 16 to 256 px, each where its directory entry says', () => {
    const ico = fs.readFileSync(path.join(ROOT, 'build', 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes: number[] = [];
    for (let index = 0; index < ico.readUInt16LE(4); index += 1) {
      const entry = 6 + index * 16;
      const declared = ico.readUInt8(entry) || 256;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      expect(pngSize(png)).toEqual({ width: declared, height: declared });
      sizes.push(declared);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns holds PNGs up to 1024 px under their type codes', () => {
    const icns = fs.readFileSync(path.join(ROOT, 'build', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = {
      icp4: 16,
      ic11: 32,
      icp5: 32,
      ic12: 64,
      ic07: 128,
      ic13: 256,
      ic08: 256,
      ic14: 512,
      ic09: 512,
      ic10: 1024,
    };
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length;) {
      const type = icns.subarray(offset, offset + 4).toString('latin1');
      const length = icns.readUInt32BE(offset + 4);
      found[type] = pngSize(icns.subarray(offset + 8, offset + length)).width;
      offset += length;
    }
    expect(found).toEqual(expected);
  });
});

// electron-builder's own fuse sentinel and wire (version 1, eight fuses in Electron's defaults): a stand-in binary
// carrying it lets the real @electron/fuses flip it, so the packaged fuses can be read back.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_WIRE = '10110001';

describe.runIf(process.platform === 'linux')('an unpacked Linux package, made by electron-builder', () => {
  let unpacked: string;
  let asarFiles: string[];

  beforeAll(async () => {
    const project = tmpDataDir('decision-desk-pack-');
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml'])
      fs.copyFileSync(path.join(ROOT, file), path.join(project, file));
    for (const folder of ['build', 'resources/dictionaries'])
      fs.cpSync(path.join(ROOT, folder), path.join(project, folder), { recursive: true });
    fs.mkdirSync(path.join(project, 'scripts'));
    fs.copyFileSync(
      path.join(ROOT, 'scripts', 'electron-native.mjs'),
      path.join(project, 'scripts', 'electron-native.mjs'),
    );
    // The packager needs node_modules as a real folder (through a symbolic link it loses dependencies): hard links
    // make that quick, and a plain copy does where the temp folder is on another disk.
    const modules = [path.join(ROOT, 'node_modules'), path.join(project, 'node_modules')];
    await run('cp', ['-al', ...modules]).catch(async () => {
      fs.rmSync(modules[1]!, { recursive: true, force: true });
      await run('cp', ['-a', ...modules]);
    });
    // What electron-vite would have built, and sources, tests and a map that must stay out.
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), text);
    };
    write('out/main/index.js', '// main');
    write('out/main/core-entry.js', '// the core host');
    write('out/main/index.js.map', '{}');
    write('out/preload/index.cjs', '// preload');
    write('out/cli/main.js', '// the command line');
    write('out/renderer/index.html', '<!DOCTYPE html>');
    write('electron/main/index.ts', '// source');
    write('test/unit/x.test.ts', '// test');
    write('docs/electron.md', '# docs');
    const electronVersion = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ).version as string;
    write(`native/electron-${electronVersion}-linux-x64/better_sqlite3.node`, 'electron build');
    write(`native/electron-${electronVersion}-win32-x64/better_sqlite3.node`, 'windows build');
    // A stand-in Electron distribution: an executable with a fuse wire, locales, and nothing that needs a download.
    const dist = tmpDataDir('decision-desk-electron-dist-');
    fs.writeFileSync(path.join(dist, 'electron'), `#!/bin/sh\n# ${SENTINEL}\u0001\u0008${DEFAULT_WIRE}\n`, {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(dist, 'version'), electronVersion);
    fs.mkdirSync(path.join(dist, 'locales'));
    for (const locale of ['en-GB', 'en-US', 'fr', 'de'])
      fs.writeFileSync(path.join(dist, 'locales', `${locale}.pak`), locale);
    fs.mkdirSync(path.join(dist, 'resources'));

    await run(
      path.join(ROOT, 'node_modules', '.bin', 'electron-builder'),
      ['--linux', 'dir', '--x64', `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`],
      { cwd: project, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    unpacked = path.join(project, 'release', 'linux-unpacked');
    const asar = require('@electron/asar') as { listPackage(file: string): string[] };
    asarFiles = asar
      .listPackage(path.join(unpacked, 'resources', 'app.asar'))
      .map((file) => file.replaceAll('\\', '/'));
  }, 240_000);

  it('packs the bundles and package.json, and no sources, tests, docs or maps', () => {
    expect(asarFiles).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/main/core-entry.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
    for (const file of asarFiles)
      expect(file).not.toMatch(/^\/(electron|test|docs|scripts|build|native|resources|out\/cli)\/|\.map$/);
  });

  it('packs runtime dependencies but neither better-sqlite3’s sources nor its Node build, the TypeScript runner, nor playwright-core', () => {
    expect(asarFiles).toEqual(
      expect.arrayContaining(['/node_modules/better-sqlite3/lib/database.js', '/node_modules/zod/package.json']),
    );
    expect(asarFiles.filter((file) => /^\/node_modules\/better-sqlite3\/(build|deps|src)\//.test(file))).toEqual([]);
    expect(asarFiles.filter((file) => file.endsWith('.node'))).toEqual([]);
    expect(asarFiles.filter((file) => /^\/node_modules\/(tsx|esbuild|@esbuild|playwright-core)\//.test(file))).toEqual(
      [],
    );
  });

  it('puts this platform’s Electron build of better-sqlite3 and the dictionary beside app.asar', () => {
    const resources = path.join(unpacked, 'resources');
    expect(fs.readdirSync(path.join(resources, 'native'))).toEqual([expect.stringMatching(/^electron-.+-linux-x64$/)]);
    expect(fs.existsSync(path.join(resources, 'dictionaries', 'en-GB-10-1.bdic'))).toBe(true);
  });

  it('keeps only the British and American English locales', () => {
    expect(fs.readdirSync(path.join(unpacked, 'locales')).sort()).toEqual(['en-GB.pak', 'en-US.pak']);
  });

  it('flips the fuses in the packaged binary', () => {
    const binary = fs.readFileSync(path.join(unpacked, 'decision-desk'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1');
    // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadFromAsar, V8Snapshot, FileProtocol
    expect(wire).toBe('01001100');
  });
});
