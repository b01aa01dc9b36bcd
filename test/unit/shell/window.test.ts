// The main window: secure preferences, shown only when ready, placed from the remembered state, and a way back
// (Reload) after its page crashes or hangs.

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../electron/main/window.ts';
import { electronStub, resetElectronStub, StubEvent } from '../../helpers/electron-stub.ts';
import { recordingLog } from './recording-log.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);

let stateFile: string;
let log: ReturnType<typeof recordingLog>;

beforeEach(() => {
  resetElectronStub();
  stateFile = path.join(electronStub.app.userDataDir, 'window-state.json');
  log = recordingLog();
});

const open = () =>
  createMainWindow({
    preloadFile: '/app/out/preload/index.cjs',
    startUrl: 'app://app/',
    devTools: false,
    stateFile,
    log,
  });

describe('the main window', () => {
  it('is created hidden with the secure preferences and the preload', () => {
    const window = open();
    expect(window).toBeDefined();
    const [created] = electronStub.BrowserWindow.instances;
    expect(created!.options).toMatchObject({ show: false, minWidth: 800, minHeight: 600, title: 'Decision Desk' });
    expect(created!.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
    expect(created!.webContents.loadedUrls).toEqual(['app://app/']);
    expect(created!.shown).toBe(false);
  });

  it('is shown, maximised if it was, once ready to show', () => {
    fs.writeFileSync(stateFile, JSON.stringify({ x: 50, y: 40, width: 1100, height: 760, maximized: true }));
    open();
    const [created] = electronStub.BrowserWindow.instances;
    expect(created!.options).toMatchObject({ x: 50, y: 40, width: 1100, height: 760 });
    created!.emit('ready-to-show');
    expect(created!.shown).toBe(true);
    expect(created!.maximized).toBe(true);
  });

  it('opens on the screen even if the remembered place is on a monitor that has gone', () => {
    fs.writeFileSync(stateFile, JSON.stringify({ x: 4000, y: 100, width: 1100, height: 760, maximized: false }));
    open();
    const { x, width } = electronStub.BrowserWindow.instances[0]!.options as { x: number; width: number };
    expect(x + width).toBeLessThanOrEqual(1920);
  });

  it('remembers its size and place when it closes', () => {
    open();
    const [created] = electronStub.BrowserWindow.instances;
    created!.emit('close', new StubEvent());
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({
      maximized: false,
      width: expect.any(Number),
    });
  });

  it('offers Reload after its page crashes, and reloads the app', async () => {
    open();
    const [created] = electronStub.BrowserWindow.instances;
    electronStub.dialog.response = 0;
    created!.webContents.emit('render-process-gone', new StubEvent(), { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(created!.webContents.loadedUrls).toHaveLength(2));
    expect(electronStub.dialog.messageBoxes[0]).toMatchObject({
      buttons: ['Reload', 'Close window'],
      message: 'The Decision Desk window stopped working.',
    });
    expect(electronStub.dialog.messageBoxes[0]!.detail).toMatch(/saved is safe/);
    expect(created!.webContents.loadedUrls[1]).toBe('app://app/');
    expect(log.lines.some((line) => line.startsWith('ERROR window.renderer-gone') && line.includes('crashed'))).toBe(
      true,
    );
  });

  it('does not ask after a clean exit', async () => {
    open();
    electronStub.BrowserWindow.instances[0]!.webContents.emit('render-process-gone', new StubEvent(), {
      reason: 'clean-exit',
      exitCode: 0,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(electronStub.dialog.messageBoxes).toHaveLength(0);
  });

  it('asks once while hung, and reloads only if the user chooses Reload', async () => {
    open();
    const [created] = electronStub.BrowserWindow.instances;
    electronStub.dialog.response = 1;
    created!.emit('unresponsive');
    created!.emit('unresponsive');
    await vi.waitFor(() => expect(created!.webContents.loadedUrls).toHaveLength(2));
    expect(electronStub.dialog.messageBoxes).toHaveLength(1);
    expect(electronStub.dialog.messageBoxes[0]).toMatchObject({
      buttons: ['Wait', 'Reload'],
      signal: expect.any(AbortSignal),
    });
  });

  it('withdraws the question when the page recovers', () => {
    open();
    const [created] = electronStub.BrowserWindow.instances;
    created!.emit('unresponsive');
    created!.emit('responsive');
    expect((electronStub.dialog.messageBoxes[0]!.signal as AbortSignal).aborted).toBe(true);
  });

  it('shows spelling suggestions on right-click in a field', () => {
    open();
    const [created] = electronStub.BrowserWindow.instances;
    created!.webContents.emit('context-menu', new StubEvent(), {
      misspelledWord: 'colour',
      dictionarySuggestions: ['colour'],
      isEditable: true,
      selectionText: '',
    });
    const [menu] = electronStub.Menu.built;
    expect(menu!.popups).toHaveLength(1);
    (menu!.template[0]!.click as () => void)();
    expect(created!.webContents.replaced).toEqual(['colour']);
  });
});
