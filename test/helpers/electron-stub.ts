// A stand-in for the `electron` module (whose binary cannot run here), for the shell's tests:
//   vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);
// It records what the code under test asks of Electron and lets a test play Electron's part (events, IPC calls).

import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

type Listener = (...args: unknown[]) => unknown;

/** An event object as Electron passes it: preventDefault() is remembered. */
export class StubEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** A frame as WebFrameMain describes it: `top` is itself for a main frame. */
export interface StubFrame {
  url: string;
  parent: StubFrame | null;
  top: StubFrame | null;
  detached?: boolean;
}

export function mainFrame(url: string): StubFrame {
  const frame: StubFrame = { url, parent: null, top: null };
  frame.top = frame;
  return frame;
}

export function subFrame(url: string, parent: StubFrame): StubFrame {
  return { url, parent, top: parent.top };
}

export class StubSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  beforeRequest: { filter: unknown; listener: Listener } | null = null;
  spellCheckerLanguages: string[] = [];
  dictionaryDownloadUrl: string | null = null;
  wordsAdded: string[] = [];
  readonly webRequest = {
    onBeforeRequest: (filter: unknown, listener: Listener) => {
      this.beforeRequest = { filter, listener };
    },
  };
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setSpellCheckerLanguages(languages: string[]): void {
    this.spellCheckerLanguages = languages;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    // Electron throws for an address that does not parse.
    new URL(url);
    this.dictionaryDownloadUrl = url;
  }
  addWordToSpellCheckerDictionary(word: string): boolean {
    this.wordsAdded.push(word);
    return true;
  }
}

export interface PrintCall {
  options: Record<string, unknown>;
  callback: (success: boolean, failureReason: string) => void;
}

export class StubWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = StubWebContents.nextId++;
  session = electronStub.session.defaultSession;
  loadedUrls: string[] = [];
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Listener | null = null;
  loading = false;
  crashed = false;
  /** What printToPDF resolves with (or rejects with, for an Error). */
  pdfResult: Buffer | Error = Buffer.from('%PDF-1.4 stub');
  pdfOptions: Record<string, unknown>[] = [];
  printCalls: PrintCall[] = [];
  /** What loadURL does: resolve by default, or reject with this error. */
  loadError: Error | null = null;
  replaced: string[] = [];

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    if (this.loadError) throw this.loadError;
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isLoading(): boolean {
    return this.loading;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.pdfOptions.push(options);
    if (this.pdfResult instanceof Error) throw this.pdfResult;
    return this.pdfResult;
  }
  print(options: Record<string, unknown>, callback: PrintCall['callback']): void {
    this.printCalls.push({ options, callback });
  }
  replaceMisspelling(word: string): void {
    this.replaced.push(word);
  }
}

export class StubBrowserWindow extends EventEmitter {
  static instances: StubBrowserWindow[] = [];
  static getAllWindows(): StubBrowserWindow[] {
    return StubBrowserWindow.instances.filter((window) => !window.destroyed);
  }
  readonly webContents = new StubWebContents();
  destroyed = false;
  shown = false;
  maximized = false;
  closeCount = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    StubBrowserWindow.instances.push(this);
    electronStub.app.emit('web-contents-created', new StubEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as Record<string, number>;
    return { x, y, width, height };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    this.closeCount += 1;
    const event = new StubEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

class StubApp extends EventEmitter {
  isPackaged = false;
  appPath = process.cwd();
  userDataDir = '';
  singleInstanceLock = true;
  lockData: unknown = undefined;
  quitCalls = 0;
  aboutOptions: unknown = null;
  private resolveReady: (() => void) | null = null;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    // Documents sits inside the test's user-data folder, so the default shared folder stays in the test's temp space.
    if (name === 'documents') return `${this.userDataDir}/Documents`;
    if (name !== 'userData') throw new Error(`the stub knows only userData and documents, not ${name}`);
    return this.userDataDir;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(data?: unknown): boolean {
    this.lockData = data;
    return this.singleInstanceLock;
  }
  enableSandbox(): void {
    electronStub.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** The test says when Electron is ready. */
  becomeReady(): void {
    this.resolveReady?.();
  }
  /** Like Electron: 'before-quit' can be prevented. */
  quit(): void {
    this.quitCalls += 1;
    const event = new StubEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit', new StubEvent());
  }
  setAppUserModelId(): void {}
  setAboutPanelOptions(options: unknown): void {
    this.aboutOptions = options;
  }
  showAboutPanel(): void {}
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export interface BuiltMenu {
  template: Record<string, unknown>[];
  popup: (options?: unknown) => void;
  popups: unknown[];
}

function createStub() {
  const ipcRendererEvents = new EventEmitter();
  const stub = {
    sandboxEnabled: false,
    app: new StubApp(),
    BrowserWindow: StubBrowserWindow,
    session: { defaultSession: new StubSession() },
    ipcMain: {
      handlers: new Map<string, InvokeHandler>(),
      handle(channel: string, handler: InvokeHandler) {
        if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        this.handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        this.handlers.delete(channel);
      },
    },
    ipcRenderer: {
      invokes: [] as { channel: string; args: unknown[] }[],
      invoke(channel: string, ...args: unknown[]): Promise<unknown> {
        this.invokes.push({ channel, args });
        return Promise.resolve({ ok: true, value: { channel } });
      },
      on(channel: string, listener: Listener) {
        ipcRendererEvents.on(channel, listener);
        return this;
      },
      removeListener(channel: string, listener: Listener) {
        ipcRendererEvents.removeListener(channel, listener);
        return this;
      },
      /** Main sending to the window: listeners get (event, ...args), as Electron calls them. */
      emitFromMain(channel: string, ...args: unknown[]) {
        ipcRendererEvents.emit(channel, { sender: 'the-ipc-renderer-event' }, ...args);
      },
      listenerCount(channel: string) {
        return ipcRendererEvents.listenerCount(channel);
      },
    },
    contextBridge: {
      exposed: new Map<string, unknown>(),
      exposeInMainWorld(key: string, api: unknown) {
        this.exposed.set(key, api);
      },
    },
    protocol: {
      privileged: [] as unknown[],
      handlers: new Map<string, (request: Request) => Promise<Response>>(),
      registerSchemesAsPrivileged(schemes: unknown[]) {
        this.privileged.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        this.handlers.set(scheme, handler);
      },
    },
    dialog: {
      /** The button index each message box answers with. */
      response: 0,
      messageBoxes: [] as Record<string, unknown>[],
      errorBoxes: [] as { title: string; content: string }[],
      async showMessageBox(...args: unknown[]) {
        const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
        this.messageBoxes.push(options);
        return { response: this.response, checkboxChecked: false };
      },
      showErrorBox(title: string, content: string) {
        this.errorBoxes.push({ title, content });
      },
    },
    Menu: {
      applicationMenu: null as BuiltMenu | null,
      built: [] as BuiltMenu[],
      buildFromTemplate(template: Record<string, unknown>[]): BuiltMenu {
        const menu: BuiltMenu = {
          template,
          popups: [],
          popup(options?: unknown) {
            menu.popups.push(options);
          },
        };
        this.built.push(menu);
        return menu;
      },
      setApplicationMenu(menu: BuiltMenu | null) {
        this.applicationMenu = menu;
      },
    },
    screen: {
      displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay() {
        return this.displays[0]!;
      },
      getAllDisplays() {
        return this.displays;
      },
    },
    shell: {
      opened: [] as string[],
      openedPaths: [] as string[],
      async openExternal(url: string) {
        this.opened.push(url);
      },
      async openPath(target: string) {
        this.openedPaths.push(target);
        return '';
      },
    },
  };
  Object.assign(stub, { safeStorage: stubSafeStorage() });
  stub.app.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-userdata-'));
  return stub;
}

/**
 * safeStorage as the app sees it: available, with a backend, and a reversible stand-in for the OS encryption (the
 * real one cannot run here). `available` and `backend` let a test take it away.
 */
function stubSafeStorage() {
  const mask = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable(this: { available: boolean }) {
      return this.available;
    },
    getSelectedStorageBackend(this: { backend: string }) {
      return this.backend;
    },
    encryptString: (text: string) => Buffer.concat([Buffer.from('OSWRAP:'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (bytes: Buffer) => {
      if (!bytes.subarray(0, 7).equals(Buffer.from('OSWRAP:')))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return mask(bytes.subarray(7)).toString('utf8');
    },
  };
}

export let electronStub = createStub() as ReturnType<typeof createStub> & {
  safeStorage: ReturnType<typeof stubSafeStorage>;
};

/** A fresh stand-in (new app, windows, handlers) for the next test. */
export function resetElectronStub(): void {
  fs.rmSync(electronStub.app.userDataDir, { recursive: true, force: true });
  StubBrowserWindow.instances = [];
  electronStub = createStub() as typeof electronStub;
}

/** Processes the stand-in utilityProcess started, newest last. */
export const utilityProcesses: StubUtilityProcess[] = [];

/**
 * utilityProcess.fork: a worker thread running the entry (its .ts source when the .js bundle is not built), with a
 * process.parentPort as Electron gives one. Messages are queued until it starts, as Electron's are.
 */
export class StubUtilityProcess extends EventEmitter {
  readonly worker: Worker;
  constructor(readonly modulePath: string) {
    super();
    const entry = fs.existsSync(modulePath) ? modulePath : modulePath.replace(/\.js$/, '.ts');
    this.worker = new Worker(path.join(import.meta.dirname, 'utility-process-worker.mjs'), { workerData: { entry } });
    this.worker.on('message', (message) => this.emit('message', message));
    this.worker.on('error', () => undefined);
    this.worker.once('exit', (code) => this.emit('exit', code));
    utilityProcesses.push(this);
  }
  postMessage(message: unknown): void {
    this.worker.postMessage(message);
  }
  kill(): boolean {
    void this.worker.terminate();
    return true;
  }
}

/**
 * What `import ... from 'electron'` gives the code under test. Each name reads the current stand-in when used, so
 * resetElectronStub() takes effect without re-importing the modules under test.
 */
export const electronModule = {
  get app() {
    return electronStub.app;
  },
  utilityProcess: { fork: (modulePath: string) => new StubUtilityProcess(modulePath) },
  BrowserWindow: StubBrowserWindow,
  get session() {
    return electronStub.session;
  },
  get ipcMain() {
    return electronStub.ipcMain;
  },
  get ipcRenderer() {
    return electronStub.ipcRenderer;
  },
  get contextBridge() {
    return electronStub.contextBridge;
  },
  get protocol() {
    return electronStub.protocol;
  },
  get dialog() {
    return electronStub.dialog;
  },
  get Menu() {
    return electronStub.Menu;
  },
  get screen() {
    return electronStub.screen;
  },
  get shell() {
    return electronStub.shell;
  },
  get safeStorage() {
    return electronStub.safeStorage;
  },
};

/** Calls an IPC handler as Electron would for an invoke from `frame`. */
export async function invokeFromFrame(channel: string, frame: StubFrame | null, ...args: unknown[]): Promise<unknown> {
  const handler = electronStub.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame: frame, sender: { id: 1 }, frameId: 1, processId: 1 }, ...args);
}
