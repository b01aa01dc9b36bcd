// Builds better-sqlite3 for Electron's ABI into native/electron-<version>-<platform>-<arch>/better_sqlite3.node,
// beside the Node build in node_modules (which tests and the CLI keep using), so neither runtime rebuilds the other's.
//
//   node scripts/electron-native.mjs [--arch x64|arm64|ia32]   prints the file's path; skips the work when it exists
//
// It copies the module to a temporary folder and rebuilds it there with @electron/rebuild (a prebuilt binary when
// one can be downloaded, otherwise a compile against Electron's headers): node_modules/better-sqlite3/build is never
// touched. Both ways need the internet, so this runs on a developer's or packaging machine, not in CI.
// electron-builder.yml also names this file as its beforePack hook, so every packaged target gets its own build.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MODULE = 'better-sqlite3';
export const BINDING_FILE = 'better_sqlite3.node';

/** The folder name electron/main/locations.ts looks for. */
export function nativeBindingFolder(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function nativeBindingPath(root, electronVersion, platform, arch) {
  return path.join(root, 'native', nativeBindingFolder(electronVersion, platform, arch), BINDING_FILE);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function installedElectronVersion(root = PROJECT_ROOT) {
  return readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version;
}

/** Runs @electron/rebuild on one module folder (the default rebuild step; tests pass their own). */
async function electronRebuild({ buildPath, electronVersion, platform, arch }) {
  // A machine set up to compile against Node's own headers (npm_config_nodedir, e.g. where downloads are blocked)
  // would otherwise compile against those instead of Electron's, and produce a Node build with an Electron name.
  for (const name of Object.keys(process.env)) {
    if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name];
  }
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, platform, arch, onlyModules: [MODULE], force: true, mode: 'sequential' });
}

/**
 * Refuses a build made for Node rather than Electron: Node loads its own builds, and names the ABI of any other.
 * Only possible for this machine's own platform and architecture; anything else is left to the packaged app.
 */
export function checkBuiltForElectron(
  file,
  electronVersion,
  { platform = process.platform, arch = process.arch } = {},
) {
  if (platform !== process.platform || arch !== process.arch) return;
  const probe = spawnSync(process.execPath, ['-e', 'require(process.argv[1])', file], { encoding: 'utf8' });
  if (probe.status === 0) {
    throw new Error(
      `the build loads in Node ${process.version}, so it was compiled for Node, not Electron ${electronVersion}`,
    );
  }
  const compiledFor = /compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)/.exec(
    probe.stderr,
  )?.[1];
  const electronAbi = electronAbiOf(electronVersion);
  if (compiledFor && electronAbi && compiledFor !== electronAbi) {
    throw new Error(
      `the build is for NODE_MODULE_VERSION ${compiledFor}, but Electron ${electronVersion} needs ${electronAbi}`,
    );
  }
}

function electronAbiOf(electronVersion) {
  try {
    return String(createRequire(import.meta.url)('node-abi').getAbi(electronVersion, 'electron'));
  } catch {
    return null;
  }
}

/** A folder's contents copied, except the module's own build output (the Node build stays where it is). */
function copyModule(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => path.relative(from, source).split(path.sep)[0] !== 'build',
  });
}

/** Links a dependency the rebuild looks up beside the module (prebuild-install), when the project has it. */
function linkDependency(root, stagingModules, name) {
  const target = path.join(root, 'node_modules', name);
  if (fs.existsSync(target)) fs.symlinkSync(fs.realpathSync(target), path.join(stagingModules, name), 'junction');
}

/**
 * Makes sure the Electron build exists and returns its path. `rebuild` is the step that compiles (or downloads)
 * the module in the staging folder; it must leave build/Release/better_sqlite3.node there, which `verify` checks.
 */
export async function ensureElectronNative({
  root = PROJECT_ROOT,
  electronVersion = installedElectronVersion(root),
  platform = process.platform,
  arch = process.arch,
  rebuild = electronRebuild,
  verify = checkBuiltForElectron,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const target = nativeBindingPath(root, electronVersion, platform, arch);
  if (fs.existsSync(target) && fs.statSync(target).size > 0) return target;

  const source = path.join(root, 'node_modules', MODULE);
  if (!fs.existsSync(path.join(source, 'package.json')))
    throw new Error(`${MODULE} is not installed: run npm install first.`);
  const { version } = readJson(path.join(source, 'package.json'));
  log(`Building ${MODULE} ${version} for Electron ${electronVersion} (${platform}-${arch})\u2026`);

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-native-'));
  try {
    const stagingModules = path.join(staging, 'node_modules');
    fs.mkdirSync(stagingModules);
    fs.writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({
        name: 'decision-desk-native-build',
        version: '0.0.0',
        private: true,
        dependencies: { [MODULE]: version },
      }),
    );
    copyModule(source, path.join(stagingModules, MODULE));
    linkDependency(root, stagingModules, 'prebuild-install');
    await rebuild({ buildPath: staging, electronVersion, platform, arch });

    const built = path.join(stagingModules, MODULE, 'build', 'Release', BINDING_FILE);
    if (!fs.existsSync(built)) throw new Error(`the rebuild finished without producing ${BINDING_FILE}`);
    verify(built, electronVersion, { platform, arch });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    fs.copyFileSync(built, temporary);
    fs.renameSync(temporary, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  removeOtherVersions(root, electronVersion, platform, arch);
  log(`Wrote ${path.relative(root, target)}`);
  return target;
}

/** Builds for Electron versions no longer installed would otherwise be packaged too. */
function removeOtherVersions(root, electronVersion, platform, arch) {
  const nativeDir = path.join(root, 'native');
  const keep = nativeBindingFolder(electronVersion, platform, arch);
  const suffix = `-${platform}-${arch}`;
  for (const entry of fs.readdirSync(nativeDir)) {
    if (entry !== keep && entry.startsWith('electron-') && entry.endsWith(suffix)) {
      fs.rmSync(path.join(nativeDir, entry), { recursive: true, force: true });
    }
  }
}

/** electron-builder's Arch enum (builder-util), by number: the hook is given the number. */
export const BUILDER_ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };
/** electron-builder's arch names as Node (and so Electron's process.arch) spells them. */
const NODE_ARCH = { ia32: 'ia32', x64: 'x64', armv7l: 'arm', arm64: 'arm64' };

/**
 * electron-builder's beforePack hook: the target's Electron build must exist before the app is packed. Native
 * modules cannot be cross-compiled, so a target for another operating system must be built on that system.
 */
export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = NODE_ARCH[BUILDER_ARCH[context.arch]];
  if (!arch)
    throw new Error(
      `Decision Desk cannot be packaged for ${BUILDER_ARCH[context.arch] ?? context.arch}: build x64 and arm64 separately.`,
    );
  const electronVersion = context.packager?.info?.framework?.version ?? installedElectronVersion();
  const target = nativeBindingPath(PROJECT_ROOT, electronVersion, platform, arch);
  if (platform !== process.platform && !fs.existsSync(target)) {
    throw new Error(
      `${path.relative(PROJECT_ROOT, target)} is missing: build it on ${platform} (node scripts/electron-native.mjs).`,
    );
  }
  await ensureElectronNative({ electronVersion, platform, arch });
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { arch: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write('Usage: node scripts/electron-native.mjs [--arch x64|arm64|ia32]\n');
    return;
  }
  const target = await ensureElectronNative(values.arch ? { arch: values.arch } : {});
  process.stdout.write(`${target}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(
      `Could not build ${MODULE} for Electron: ${error instanceof Error ? error.message : String(error)}\n` +
        'This needs the internet (a prebuilt binary from GitHub, or Electron\u2019s headers to compile against).\n',
    );
    process.exit(1);
  });
}
