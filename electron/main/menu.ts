// The native menus (Windows and macOS conventions) and the right-click menu with spelling suggestions, as templates.

import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { MenuEvent } from '../contract.ts';

export interface MenuActions {
  /** Tells the window what was chosen; the window does the work through the API. */
  send(event: MenuEvent): void;
  showSharedFolder(): void;
  openLogFolder(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools, while developing only. */
  devTools: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, event: MenuEvent, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(event),
  });

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('New record', { command: 'new-record' }, 'CmdOrCtrl+N'),
      separator,
      command('Export to Word\u2026', { command: 'export-docx' }),
      command('Export PDF for the archive\u2026', { command: 'export-pdf' }),
      command('Export PDF for the website\u2026', { command: 'export-pdf-public' }),
      separator,
      command('Print\u2026', { command: 'print' }, 'CmdOrCtrl+P'),
      separator,
      { role: 'close', label: 'Close window' },
      ...(mac ? [] : [separator, { role: 'quit', label: 'E&xit' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: mac
      ? [
          { role: 'undo' },
          { role: 'redo' },
          separator,
          { role: 'cut' },
          { role: 'copy' },
          { role: 'paste' },
          { role: 'pasteAndMatchStyle' },
          { role: 'delete' },
          { role: 'selectAll' },
        ]
      : [
          { role: 'undo' },
          { role: 'redo' },
          separator,
          { role: 'cut' },
          { role: 'copy' },
          { role: 'paste' },
          separator,
          { role: 'selectAll' },
        ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('Records', { command: 'show-records' }, 'CmdOrCtrl+1'),
      command('Signing mode', { command: 'signing-mode' }, 'CmdOrCtrl+2'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(options.devTools
        ? ([separator, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };

  const syncMenu: MenuItemConstructorOptions = {
    label: mac ? 'Sync' : '&Sync',
    submenu: [
      command('Sync now', { command: 'sync-now' }),
      { label: 'Show shared folder', click: () => actions.showSharedFolder() },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      ...(mac ? [] : [{ label: `About ${options.appName}`, click: () => actions.showAbout() }, separator]),
      { label: 'Open log folder', click: () => actions.openLogFolder() },
    ],
  };

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, syncMenu, { role: 'windowMenu' }, helpMenu]
    : [fileMenu, editMenu, viewMenu, syncMenu, helpMenu];
}

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

type SpellingParams = Pick<
  ContextMenuParams,
  'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText'
>;

/** Spelling suggestions for a misspelt word, then the usual editing commands; empty where there is nothing to offer. */
export function contextMenuTemplate(params: SpellingParams, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 6);
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    }
    items.push(
      separator,
      { label: 'Add to dictionary', click: () => actions.addToDictionary(params.misspelledWord) },
      separator,
    );
  }
  if (params.isEditable) {
    items.push({ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, separator, { role: 'selectAll' });
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy' });
  }
  return items;
}
