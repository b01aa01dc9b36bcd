// The main window: secure preferences, remembered size and place, shown when ready, and a way back (Reload) when
// its page crashes or hangs. Saved work lives in the database in this process, so a reload loses none of it.

import { BrowserWindow, dialog, Menu, screen } from 'electron';
import type { Log } from './log.ts';
import { contextMenuTemplate } from './menu.ts';
import { secureWebPreferences } from './security.ts';
import { loadWindowState, MIN_SIZE, saveWindowState, type Screen } from './window-state.ts';

export interface MainWindowOptions {
  preloadFile: string;
  /** app://app/ (or the dev server while developing). */
  startUrl: string;
  devTools: boolean;
  stateFile: string;
  log: Log;
}

function currentScreens(): Screen[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map((display) => ({ workArea: display.workArea }));
}

const RELOAD_DETAIL =
  'Everything that was saved is safe. Changes from the last few seconds may need to be made again. ' +
  'Reload the window to carry on.';

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { log } = options;
  const state = loadWindowState(options.stateFile, currentScreens());
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Decision Desk',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadFile, { devTools: options.devTools }),
  });
  const contents = window.webContents;

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });

  window.on('close', () => {
    try {
      saveWindowState(options.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      log.error('window-state.save-failed', error);
    }
  });

  const loadApp = () => {
    contents.loadURL(options.startUrl).catch((error: unknown) => log.error('window.load-failed', error));
  };

  contents.on('render-process-gone', (_event, details) => {
    log.error('window.renderer-gone', undefined, { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        title: 'Decision Desk',
        message: 'The Decision Desk window stopped working.',
        detail: RELOAD_DETAIL,
        buttons: ['Reload', 'Close window'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        if (window.isDestroyed()) return;
        if (response === 0) loadApp();
        else window.close();
      });
  });

  // Asked once per hang; if the page recovers while the question is open, the question goes away by itself.
  let hang: AbortController | null = null;
  window.on('unresponsive', () => {
    log.warn('window.unresponsive');
    if (hang) return;
    const asked = new AbortController();
    hang = asked;
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        title: 'Decision Desk',
        message: 'Decision Desk is not responding.',
        detail: `You can wait for it, or reload the window. ${RELOAD_DETAIL}`,
        buttons: ['Wait', 'Reload'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        signal: asked.signal,
      })
      .then(({ response }) => {
        if (response === 1 && !asked.signal.aborted && !window.isDestroyed()) loadApp();
      })
      .finally(() => {
        if (hang === asked) hang = null;
      });
  });
  window.on('responsive', () => {
    log.info('window.responsive');
    hang?.abort();
  });

  contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (isMainFrame) log.error('window.load-failed', undefined, { errorCode });
  });

  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
  });

  loadApp();
  return window;
}
