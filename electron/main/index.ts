// The Electron main process: one instance, the app:// protocol, a hardened session, the desk (database and service,
// in the core host's utility process) behind checked IPC, native menus, record files opened from outside, and a quit that lets saves finish first.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron';
import type { MenuEvent } from '../contract.ts';
import { CoreHost } from '../core/host/client.ts';
import { DeskError } from '../core/domain/index.ts';
import { KEYS_FOLDER, resolveDataDir } from '../core/paths.ts';
import { MENU_CHANNEL } from '../preload/channels.ts';
import { guardWebContents, hardenSession } from './guards.ts';
import { forkCore } from './core-process.ts';
import { deviceSecret, migrateKeyFiles, osKeyWrap } from './key-wrap.ts';
import { DeskIpc, registerDeskIpc } from './ipc.ts';
import { APP_USER_MODEL_ID, appLocations } from './locations.ts';
import { createLog } from './log.ts';
import { menuTemplate } from './menu.ts';
import { ElectronPdfEngine } from './pdf-engine.ts';
import { importRecordFile, recordFilesIn } from './open-files.ts';
import { printRecord } from './print.ts';
import { createAppProtocolHandler, PrintDocuments } from './protocol.ts';
import { APP_ORIGIN, APP_SCHEME, devServerUrl, originOf } from './security.ts';
import { setUpSpellCheck } from './spellcheck.ts';
import { createMainWindow } from './window.ts';
import { WINDOW_STATE_FILE } from './window-state.ts';

const APP_NAME = 'Decision Desk';
/** How long the window gets to send its last edits when it closes, before in-flight work is waited for. */
const SAVE_GRACE_MS = 400;
/** The longest a quit waits for work in flight; then the database is closed regardless (SQLite keeps it whole). */
const QUIT_WAIT_MS = 10_000;

// Before 'ready': app:// is a standard, secure origin (so modules, fetch and storage behave as on https).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);
app.enableSandbox();

const filesAtLaunch = recordFilesIn(process.argv.slice(1), process.cwd());

if (app.requestSingleInstanceLock({ files: filesAtLaunch })) {
  start();
} else {
  // Another Decision Desk is running: it has been handed our files (second-instance) and takes focus.
  app.quit();
}

function start(): void {
  const devServer = devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const trustedOrigin = devServer ? originOf(devServer) : APP_ORIGIN;
  const startUrl = devServer ? devServer.href : `${APP_ORIGIN}/`;
  const devTools = !app.isPackaged;
  const userDataDir = app.getPath('userData');
  const log = createLog(path.join(userDataDir, 'logs'));

  process.on('uncaughtException', (error) => log.error('main.uncaught-exception', error));
  process.on('unhandledRejection', (reason) => log.error('main.unhandled-rejection', reason));
  app.on('child-process-gone', (_event, details) =>
    log.warn('child-process.gone', { type: details.type, reason: details.reason }),
  );
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { trustedOrigin, log, openExternal: (url) => void shell.openExternal(url) });
  });

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'Copyright \u00a9 Decision Desk developers',
  });

  const printDocuments = new PrintDocuments();
  const ipc = new DeskIpc({ trustedOrigin, log });
  let host: CoreHost | null = null;
  let mainWindow: BrowserWindow | null = null;
  let quitState: 'running' | 'closing' | 'closed' = 'running';
  const waitingFiles: string[] = [...filesAtLaunch];

  function send(event: MenuEvent): void {
    const window = mainWindow;
    if (!window || window.isDestroyed()) return;
    const deliver = () => window.webContents.send(MENU_CHANNEL, event);
    // A message sent while the page is still loading would be lost: it waits for the page.
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', deliver);
    else deliver();
  }

  /** Asks the page to save what it has, then waits (bounded) for those saves and anything else in flight. */
  async function letSavesFinish(): Promise<void> {
    if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isCrashed()) {
      send({ command: 'save-now' });
      await new Promise((resolve) => setTimeout(resolve, SAVE_GRACE_MS));
    }
    if (!(await ipc.pending.settle(QUIT_WAIT_MS))) log.warn('quit.work-still-running', { count: ipc.pending.count });
  }

  function openMainWindow(): void {
    const locations = currentLocations();
    const window = createMainWindow({
      preloadFile: locations.preloadFile,
      startUrl,
      devTools,
      stateFile: path.join(userDataDir, WINDOW_STATE_FILE),
      log,
    });
    mainWindow = window;
    let saving = false;
    let saved = false;
    window.on('close', (event) => {
      if (saved || quitState !== 'running') return;
      event.preventDefault();
      // Clicking close again while the last edits are saved changes nothing.
      if (saving) return;
      saving = true;
      void letSavesFinish().finally(() => {
        saved = true;
        if (!window.isDestroyed()) window.close();
      });
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  }

  function focusMainWindow(): void {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (host) openMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  async function openRecordFiles(files: readonly string[]): Promise<void> {
    const desk = host;
    if (!desk) {
      waitingFiles.push(...files);
      return;
    }
    for (const file of files) {
      const outcome = await importRecordFile((method, input) => desk.call(method, input), file);
      if (outcome.ok) {
        log.info('open-file.imported', { action: outcome.value.action });
        send({ command: 'open-record', id: outcome.value.id });
        continue;
      }
      log.warn('open-file.failed', { code: outcome.error.code });
      await inform('error', `\u201c${path.basename(file)}\u201d could not be opened.`, outcome.error.message);
    }
  }

  async function inform(type: 'info' | 'error', message: string, detail: string): Promise<void> {
    const options = { type, title: APP_NAME, message, detail };
    await (mainWindow && !mainWindow.isDestroyed()
      ? dialog.showMessageBox(mainWindow, options)
      : dialog.showMessageBox(options));
  }

  function currentLocations() {
    return appLocations({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      mainDir: import.meta.dirname,
      electronVersion: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
    });
  }

  async function showSharedFolder(): Promise<void> {
    // The folder Settings name; there is none until someone chooses it (no default folder is ever made).
    const settings = host ? await host.call('settings.get', {}) : null;
    const folder = settings?.ok ? (settings.value as { sharedFolder: string | null }).sharedFolder : null;
    if (!folder) {
      await inform(
        'info',
        'No shared folder has been chosen yet.',
        'Choose the office’s shared folder in Settings. Until then, records wait on this device to be handed over and published.',
      );
      return;
    }
    // Only ever a folder: opening whatever path the settings hold could start a program.
    if (!isFolder(folder)) {
      await inform(
        'info',
        'The shared folder cannot be reached.',
        `${folder} is not available from this computer just now.`,
      );
      return;
    }
    const failure = await shell.openPath(folder);
    if (failure) log.warn('shared-folder.open-failed');
  }

  async function openLogFolder(): Promise<void> {
    fs.mkdirSync(log.dir, { recursive: true });
    const failure = await shell.openPath(log.dir);
    if (failure) log.warn('log-folder.open-failed');
  }

  function installMenu(): void {
    const template = menuTemplate(
      {
        send,
        showSharedFolder: () => void showSharedFolder(),
        openLogFolder: () => void openLogFolder(),
        showAbout: () => app.showAboutPanel(),
      },
      { platform: process.platform, appName: APP_NAME, devTools },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  async function ready(): Promise<void> {
    log.info('app.start', {
      version: app.getVersion(),
      electron: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
      packaged: app.isPackaged,
    });
    const locations = currentLocations();
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rendererDir: locations.rendererDir,
        printDocuments,
        onRefused: (status, host) => log.warn('protocol.refused', { status, host }),
      }),
    );
    hardenSession(session.defaultSession, { trustedOrigin, log });
    setUpSpellCheck(session.defaultSession, {
      platform: process.platform,
      dictionariesDir: locations.dictionariesDir,
      userDataDir,
      log,
    });

    if (!fs.existsSync(locations.nativeBinding)) {
      throw new DeskError(
        'unavailable',
        app.isPackaged
          ? 'This installation of Decision Desk is incomplete (its database library is missing). Please reinstall it.'
          : `The Electron build of better-sqlite3 is missing (${locations.nativeBinding}). ` +
              'Run "node scripts/electron-native.mjs" (npm start does this) on a machine that can download Electron\u2019s headers.',
      );
    }
    const dataDir = resolveDataDir(dataDirFlag(process.argv));
    // Key files are wrapped by the operating system's key store as well as the holder's PIN (docs/trust.md). The
    // core host has no safeStorage: it gets the device secret (kept under safeStorage) and wraps with that instead.
    const keysDir = path.join(dataDir, KEYS_FOLDER);
    const wrap = osKeyWrap();
    const secret = deviceSecret(keysDir, wrap);
    const rewrapped = migrateKeyFiles(keysDir, wrap, secret);
    if (rewrapped > 0) log.info('keys.rewrapped', { count: rewrapped });
    const core = new CoreHost({
      spawn: () => forkCore(locations.coreEntry),
      start: { dataDir, nativeBinding: locations.nativeBinding, secret, syncStart: true },
      // The engine stays with the windows: the host's prints come back here.
      engine: new ElectronPdfEngine(printDocuments),
      // Failed backups, upkeep and sync passes (and the host's own ends) go to main.log, redacted like everything else there.
      log,
    });
    try {
      await core.open();
    } catch (error) {
      // The desk could not be opened (the dialog says why): the host process is not left running.
      await core.close();
      throw error;
    }
    host = core;
    log.info('desk.open');
    const call = (method: string, input: unknown) => core.call(method, input);
    registerDeskIpc(ipc, call, { printRecord: (id) => printRecord(call, printDocuments, id) });
    installMenu();
    openMainWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
    void openRecordFiles(waitingFiles.splice(0));
  }

  // A second launch (double-clicking a record file, say) may come at any time, even while this one starts.
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusMainWindow();
    void openRecordFiles(filesFromSecondInstance(argv, workingDirectory, additionalData));
  });

  // macOS hands files over with this event, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void openRecordFiles(recordFilesIn([file], process.cwd()));
  });

  app.on('window-all-closed', () => {
    // On macOS the app stays in the dock with no window, as Mac apps do; elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => {
    if (quitState === 'closed') return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void (async () => {
      await letSavesFinish();
      ipc.stopAccepting();
      // Anything that slipped in after the wait above still gets its bounded chance.
      await ipc.pending.settle(QUIT_WAIT_MS);
      await host?.close();
      log.info('app.quit');
    })()
      .catch((error: unknown) => log.error('quit.failed', error))
      .finally(() => {
        quitState = 'closed';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      log.error('app.start-failed', error);
      const message =
        error instanceof DeskError ? error.message : 'Decision Desk could not start. The log folder has the details.';
      dialog.showErrorBox(`${APP_NAME} could not start`, message);
      quitState = 'closed';
      app.quit();
    });
}

function isFolder(folder: string): boolean {
  try {
    return path.isAbsolute(folder) && fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** --data-dir DIR or --data-dir=DIR; Chromium's own switches and file names are left alone. */
function dataDirFlag(argv: readonly string[]): string | undefined {
  const { values } = parseArgs({
    args: argv.slice(1),
    options: { 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const flag = values['data-dir'];
  return typeof flag === 'string' ? flag : undefined;
}

/** The second instance passes its files as data; its argv is the fallback (Chromium may reorder it). */
function filesFromSecondInstance(argv: string[], workingDirectory: string, additionalData: unknown): string[] {
  const files = (additionalData as { files?: unknown } | null)?.files;
  if (Array.isArray(files)) return recordFilesIn(files, workingDirectory);
  return recordFilesIn(argv.slice(1), workingDirectory);
}
