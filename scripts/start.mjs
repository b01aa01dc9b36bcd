// `npm start`: builds the app and runs it in Electron where Electron's binary is installed; otherwise serves the
// same window in the browser through the web bridge. Options: --data-dir DIR, --port N (browser mode), --no-open.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const USAGE = 'Usage: npm start -- [--data-dir DIR] [--port N] [--no-open]';

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseOptions(argv) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' } },
      strict: true,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      fail(`--port must be a whole number from 0 to 65535.\n${USAGE}`, 2);
    return { dataDir: values['data-dir'], port, open: !values['no-open'] };
  } catch (error) {
    return fail(`${error.message}\n${USAGE}`, 2);
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a Node script from node_modules or scripts/, quietly unless it fails. Ctrl+C or SIGTERM meanwhile stops it
 * and then this process (exit code 128 + the signal's number, as a shell reports it).
 */
function runNode(script, args, what) {
  return new Promise((resolve) => {
    let stoppedBy = null;
    let child = null;
    const forward = (signal) => {
      stoppedBy = signal;
      child?.kill(signal);
    };
    // Listening before the child is spawned: the child shows in the process table once forked, before spawn()
    // returns, and a signal sent then would otherwise end this process by default (no exit code, the child left).
    for (const signal of SIGNALS) process.on(signal, forward);
    child = spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => fail(`${what} could not be started: ${error.message}`));
    child.on('exit', (code) => {
      for (const signal of SIGNALS) process.off(signal, forward);
      if (stoppedBy) process.exit(128 + os.constants.signals[stoppedBy]);
      if (code !== 0) fail(`${what} failed (see above).`, code ?? 1);
      resolve();
    });
  });
}

/**
 * The Electron binary, if its download ever happened. Reading path.txt instead of require('electron') matters:
 * requiring the package would try to download the binary.
 */
function electronBinary() {
  const packageDir = path.join(root, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(packageDir, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

async function startElectron(binary, options) {
  await runNode(
    'node_modules/electron-vite/bin/electron-vite.js',
    ['build', '--logLevel', 'error'],
    'Building Decision Desk',
  );
  const nativeStep = path.join(root, 'scripts', 'electron-native.mjs');
  if (fs.existsSync(nativeStep))
    await runNode('scripts/electron-native.mjs', [], 'Preparing the database driver for Electron');

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // The app reads the folder from DECISION_DESK_DATA as the web bridge and CLI do, whatever flags Chromium eats.
  if (options.dataDir) env.DECISION_DESK_DATA = path.resolve(options.dataDir);
  const child = spawn(binary, [root], { cwd: root, env, stdio: 'inherit' });
  for (const signal of SIGNALS) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => fail(`Electron could not be started: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function startBrowserMode(options) {
  const { register } = await import('tsx/esm/api');
  register();
  const { resolveDataDir } = await import('../electron/core/paths.ts');
  const { serveDesk, stopOnSignals } = await import('../electron/web/run.ts');
  const served = await serveDesk({
    dataDir: resolveDataDir(options.dataDir),
    port: options.port,
    open: options.open,
    sync: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  stopOnSignals(served);
  process.stdout.write(
    `Electron is not installed here, so Decision Desk is served in your browser instead: open ${served.bridge.url} ` +
      '(Ctrl+C stops it; the address stays the same for this data folder).\n',
  );
}

const options = parseOptions(process.argv.slice(2));
const binary = electronBinary();
const started = binary
  ? startElectron(binary, options)
  : runNode(
      'node_modules/vite/bin/vite.js',
      ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
      'Building the window',
    ).then(() => startBrowserMode(options));
started.catch((error) => fail(`Decision Desk could not start: ${error?.message ?? String(error)}`));
