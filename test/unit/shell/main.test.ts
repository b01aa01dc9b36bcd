// The main process wired together, with the stand-in Electron and a real desk on a temp data folder: start-up
// order, the protocol, the hardened session, IPC, menus, record files from the command line and from a second
// launch, closing the window and quitting.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../../electron/core/domain/index.ts';
import { MENU_CHANNEL } from '../../../electron/preload/channels.ts';
import { makeRecord, tmpDataDir } from '../../helpers/db.ts';
import {
  electronStub,
  invokeFromFrame,
  mainFrame,
  resetElectronStub,
  StubBrowserWindow,
  StubEvent,
  utilityProcesses,
} from '../../helpers/electron-stub.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);

const ROOT = path.resolve(import.meta.dirname, '../../..');
const APP = mainFrame('app://app/index.html');
const ELECTRON_VERSION = '45.5.0';

const saved = { argv: process.argv, data: process.env.DECISION_DESK_DATA, renderer: process.env.ELECTRON_RENDERER_URL };
const listenersBefore = {
  uncaught: process.listeners('uncaughtException'),
  rejection: process.listeners('unhandledRejection'),
};
let dataDir: string;
let launchRecord: DecisionRecord;
let window: StubBrowserWindow;

const menuEvents = () =>
  window.webContents.sent.filter((message) => message.channel === MENU_CHANNEL).map((message) => message.args[0]);
const call = (method: string, input: unknown) =>
  invokeFromFrame(`desk:${method}`, APP, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

function writeRecordFile(record: DecisionRecord, name: string): string {
  const file = path.join(tmpDataDir(), name);
  fs.writeFileSync(file, JSON.stringify(record));
  return file;
}

beforeAll(async () => {
  resetElectronStub();
  // A project folder holding "the Electron build": here the Node build, since these tests run in Node.
  const project = tmpDataDir('decision-desk-app-');
  const native = path.join(project, 'native', `electron-${ELECTRON_VERSION}-${process.platform}-${process.arch}`);
  fs.mkdirSync(native, { recursive: true });
  fs.copyFileSync(
    path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    path.join(native, 'better_sqlite3.node'),
  );
  fs.mkdirSync(path.join(project, 'resources'));
  fs.cpSync(path.join(ROOT, 'resources', 'dictionaries'), path.join(project, 'resources', 'dictionaries'), {
    recursive: true,
  });
  electronStub.app.appPath = project;
  (process.versions as Record<string, string>).electron = ELECTRON_VERSION;
  dataDir = tmpDataDir('decision-desk-data-');
  process.env.DECISION_DESK_DATA = dataDir;
  delete process.env.ELECTRON_RENDERER_URL;
  launchRecord = makeRecord({ title: 'Funding for a rural crime partnership' });
  process.argv = [
    process.execPath,
    '--no-sandbox-for-test',
    writeRecordFile(launchRecord, 'opened-at-launch.ddrecord'),
  ];

  await import('../../../electron/main/index.ts');
});

afterAll(() => {
  process.argv = saved.argv;
  if (saved.data === undefined) delete process.env.DECISION_DESK_DATA;
  else process.env.DECISION_DESK_DATA = saved.data;
  if (saved.renderer !== undefined) process.env.ELECTRON_RENDERER_URL = saved.renderer;
  delete (process.versions as Record<string, string>).electron;
  for (const listener of process.listeners('uncaughtException'))
    if (!listenersBefore.uncaught.includes(listener)) process.off('uncaughtException', listener);
  for (const listener of process.listeners('unhandledRejection'))
    if (!listenersBefore.rejection.includes(listener)) process.off('unhandledRejection', listener);
});

describe('before ready', () => {
  it('registers app:// as a privileged standard, secure scheme and turns on the sandbox everywhere', () => {
    expect(electronStub.protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
      },
    ]);
    expect(electronStub.sandboxEnabled).toBe(true);
  });

  it('takes the single-instance lock, handing over the files it was asked to open', () => {
    expect(electronStub.app.lockData).toEqual({ files: [process.argv[2]] });
  });

  it('opens no window and no database until ready', () => {
    expect(StubBrowserWindow.instances).toHaveLength(0);
    expect(electronStub.ipcMain.handlers.size).toBe(0);
  });
});

describe('when ready', () => {
  beforeAll(async () => {
    electronStub.app.becomeReady();
    await vi.waitFor(() => expect(StubBrowserWindow.instances).toHaveLength(1), { timeout: 20_000 });
    window = StubBrowserWindow.instances[0]!;
    await vi.waitFor(() => expect(menuEvents()).toHaveLength(1), { timeout: 20_000 });
  }, 30_000);

  it('serves app:// and hardens the session', async () => {
    const handler = electronStub.protocol.handlers.get('app')!;
    expect((await handler(new Request('app://app/../../etc/passwd'))).status).toBe(404);
    const session = electronStub.session.defaultSession;
    expect(session.permissionRequestHandler).not.toBeNull();
    expect(session.permissionCheckHandler!(null, 'media', 'app://app', {})).toBe(false);
    expect(session.beforeRequest).not.toBeNull();
  });

  it.runIf(process.platform !== 'darwin')('spell-checks in British English from the shipped dictionary', () => {
    const session = electronStub.session.defaultSession;
    expect(session.spellCheckerLanguages).toEqual(['en-GB']);
    expect(fs.existsSync(path.join(electronStub.app.userDataDir, 'Dictionaries', 'en-GB-10-1.bdic'))).toBe(true);
  });

  it('opens the window on app://app/ with the preload and guards it', () => {
    expect(window.webContents.loadedUrls).toEqual(['app://app/']);
    expect((window.options.webPreferences as { preload: string }).preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    const navigation = new StubEvent({ url: 'https://evil.com/', isMainFrame: true });
    window.webContents.emit('will-navigate', navigation, 'https://evil.com/');
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('installs the menus', () => {
    const tops = electronStub.Menu.applicationMenu!.template.map((item) =>
      String(item.label ?? item.role).replace('&', ''),
    );
    expect(tops).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Sync', 'Help']));
  });

  it('imported the record file it was launched with, and told the window to open it', async () => {
    expect(menuEvents()).toEqual([{ command: 'open-record', id: launchRecord.id }]);
    expect(await call('records.get', { id: launchRecord.id })).toMatchObject({
      ok: true,
      value: { title: 'Funding for a rural crime partnership' },
    });
    expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite'))).toBe(true);
  });

  it('runs the desk in one utility process, started from the core entry beside the main bundle', () => {
    expect(utilityProcesses).toHaveLength(1);
    expect(path.basename(utilityProcesses[0]!.modulePath)).toBe('core-entry.js');
  });

  it('answers the app page over IPC and refuses anyone else', async () => {
    expect(await call('records.list', {})).toMatchObject({ ok: true });
    await expect(invokeFromFrame('desk:records.list', mainFrame('https://evil.com/'), {})).rejects.toThrow(/Refused/);
  });

  it('imports a file handed over by a second launch, and brings the window forward', async () => {
    const second = makeRecord({ title: 'Estates strategy refresh' });
    const file = writeRecordFile(second, 'second.ddrecord');
    window.shown = false;
    electronStub.app.emit('second-instance', new StubEvent(), [process.execPath, file], path.dirname(file), {
      files: [file],
    });
    await vi.waitFor(() => expect(menuEvents()).toContainEqual({ command: 'open-record', id: second.id }));
    expect(window.shown).toBe(true);
  });

  it('explains a file that cannot be opened', async () => {
    const file = path.join(tmpDataDir(), 'damaged.ddrecord');
    fs.writeFileSync(file, '{"format": "decision-desk/record@1", "id": ');
    electronStub.app.emit('second-instance', new StubEvent(), [process.execPath, file], path.dirname(file), null);
    await vi.waitFor(() =>
      expect(electronStub.dialog.messageBoxes.some((box) => String(box.message).includes('damaged.ddrecord'))).toBe(
        true,
      ),
    );
    const box = electronStub.dialog.messageBoxes.find((entry) => String(entry.message).includes('damaged.ddrecord'))!;
    expect(box).toMatchObject({ type: 'error', message: '\u201cdamaged.ddrecord\u201d could not be opened.' });
    expect(String(box.detail)).toMatch(/truncated|JSON/);
  });

  it('shows the shared folder Settings name; while they name none, says so and makes no folder', async () => {
    const sync = electronStub.Menu.applicationMenu!.template.find(
      (item) => String(item.label).replace('&', '') === 'Sync',
    )!;
    const show = (sync.submenu as { label: string; click: () => void }[]).find(
      (item) => item.label === 'Show shared folder',
    )!;
    show.click();
    await vi.waitFor(() =>
      expect(
        electronStub.dialog.messageBoxes.some((box) => box.message === 'No shared folder has been chosen yet.'),
      ).toBe(true),
    );
    expect(electronStub.shell.openedPaths).toEqual([]);
    expect(fs.existsSync(path.join(electronStub.app.getPath('documents'), 'Decision Desk Shared'))).toBe(false);

    const folder = tmpDataDir();
    expect(await call('settings.update', { patch: { sharedFolder: folder } })).toMatchObject({ ok: true });
    show.click();
    await vi.waitFor(() => expect(electronStub.shell.openedPaths).toEqual([folder]));
  });

  it('writes its log in the user-data folder, without record text', () => {
    const log = fs.readFileSync(path.join(electronStub.app.userDataDir, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/INFO app\.start /);
    expect(log).toMatch(/INFO desk\.open/);
    expect(log).toMatch(/WARN ipc\.refused .*https:\/\/evil\.com/);
    expect(log).not.toMatch(/rural crime|Estates strategy/);
  });
});

describe('closing and quitting', () => {
  it('asks the window to save before it closes, then lets it close', async () => {
    window.close();
    expect(window.destroyed).toBe(false);
    expect(menuEvents().at(-1)).toEqual({ command: 'save-now' });
    await vi.waitFor(() => expect(window.destroyed).toBe(true), { timeout: 20_000 });
  });

  it('lets work in flight finish, then closes the database and quits', async () => {
    const stillRunning = call('records.list', {});
    electronStub.app.quit();
    await vi.waitFor(() => expect(electronStub.app.quitCalls).toBe(2), { timeout: 20_000 });
    expect(await stillRunning).toMatchObject({ ok: true });
    expect(await call('records.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // The host closed the desk and ended: the database is closed (its write-ahead log checkpointed away).
    await vi.waitFor(() => expect(utilityProcesses[0]!.listenerCount('exit')).toBe(0), { timeout: 20_000 });
    expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite-wal'))).toBe(false);
    expect(fs.readFileSync(path.join(electronStub.app.userDataDir, 'logs', 'main.log'), 'utf8')).toMatch(
      /INFO app\.quit/,
    );
  });
});
