// The native menus on Windows and macOS, and the right-click menu with spelling suggestions.

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuEvent } from '../../../electron/contract.ts';
import { contextMenuTemplate, type MenuActions, menuTemplate } from '../../../electron/main/menu.ts';

function actions() {
  const calls: string[] = [];
  const sent: MenuEvent[] = [];
  const menuActions: MenuActions = {
    send: (event) => sent.push(event),
    showSharedFolder: () => calls.push('showSharedFolder'),
    openLogFolder: () => calls.push('openLogFolder'),
    showAbout: () => calls.push('showAbout'),
  };
  return { calls, sent, menuActions };
}

const labelOf = (item: MenuItemConstructorOptions) => (item.label ?? item.role ?? item.type ?? '').replace('&', '');
const itemsOf = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
function find(template: MenuItemConstructorOptions[], top: string, label: string): MenuItemConstructorOptions {
  const menu = template.find((item) => labelOf(item) === top);
  const item = menu && itemsOf(menu).find((entry) => labelOf(entry) === label);
  if (!item) throw new Error(`${top} > ${label} is missing`);
  return item;
}
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe.each(['win32', 'linux', 'darwin'] as const)('the menu bar on %s', (platform) => {
  const mac = platform === 'darwin';

  it('has File, Edit, View, Sync and Help (and the app and Window menus on macOS)', () => {
    const template = menuTemplate(actions().menuActions, { platform, appName: 'Decision Desk', devTools: false });
    const tops = template.map(labelOf);
    expect(tops).toEqual(
      mac
        ? ['Decision Desk', 'File', 'Edit', 'View', 'Sync', 'windowMenu', 'Help']
        : ['File', 'Edit', 'View', 'Sync', 'Help'],
    );
  });

  it('sends the window each command it acts on', () => {
    const { sent, menuActions } = actions();
    const template = menuTemplate(menuActions, { platform, appName: 'Decision Desk', devTools: false });
    for (const [top, label] of [
      ['File', 'New record'],
      ['File', 'Export to Word\u2026'],
      ['File', 'Export PDF for the archive\u2026'],
      ['File', 'Export PDF for the website\u2026'],
      ['File', 'Print\u2026'],
      ['View', 'Records'],
      ['View', 'Signing mode'],
      ['Sync', 'Sync now'],
    ] as const) {
      click(find(template, top, label));
    }
    expect(sent.map((event) => event.command)).toEqual([
      'new-record',
      'export-docx',
      'export-pdf',
      'export-pdf-public',
      'print',
      'show-records',
      'signing-mode',
      'sync-now',
    ]);
  });

  it('does the shell’s own jobs itself', () => {
    const { calls, menuActions } = actions();
    const template = menuTemplate(menuActions, { platform, appName: 'Decision Desk', devTools: false });
    click(find(template, 'Sync', 'Show shared folder'));
    click(find(template, 'Help', 'Open log folder'));
    if (!mac) click(find(template, 'Help', 'About Decision Desk'));
    expect(calls).toEqual(
      mac ? ['showSharedFolder', 'openLogFolder'] : ['showSharedFolder', 'openLogFolder', 'showAbout'],
    );
  });

  it('uses the platform’s own roles for editing, zoom and closing', () => {
    const template = menuTemplate(actions().menuActions, { platform, appName: 'Decision Desk', devTools: false });
    const roles = (top: string) =>
      itemsOf(template.find((item) => labelOf(item) === top)!)
        .map((item) => item.role)
        .filter(Boolean);
    expect(roles('Edit')).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles('View')).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles('File')).toContain('close');
    // Quitting lives in the app menu on macOS and at the foot of File elsewhere.
    expect(roles('File').includes('quit')).toBe(!mac);
  });

  it('offers reload and developer tools only while developing', () => {
    const shipped = JSON.stringify(
      menuTemplate(actions().menuActions, { platform, appName: 'Decision Desk', devTools: false }),
    );
    expect(shipped).not.toMatch(/toggleDevTools|"reload"/);
    const developing = JSON.stringify(
      menuTemplate(actions().menuActions, { platform, appName: 'Decision Desk', devTools: true }),
    );
    expect(developing).toMatch(/toggleDevTools/);
  });

  it('gives keyboard shortcuts that do not clash', () => {
    const template = menuTemplate(actions().menuActions, { platform, appName: 'Decision Desk', devTools: false });
    const accelerators = template
      .flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []))
      .flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});

describe('the right-click menu', () => {
  const recorded = () => {
    const calls: string[] = [];
    return {
      calls,
      actions: {
        replaceMisspelling: (word: string) => calls.push(`replace:${word}`),
        addToDictionary: (word: string) => calls.push(`add:${word}`),
      },
    };
  };

  it('offers suggestions for a misspelt word, and adding it to the dictionary', () => {
    const { calls, actions: contextActions } = recorded();
    const template = contextMenuTemplate(
      { misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'], isEditable: true, selectionText: '' },
      contextActions,
    );
    expect(template.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'receive',
      'relieve',
      'separator',
      'Add to dictionary',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ]);
    click(template[0]!);
    click(template[3]!);
    expect(calls).toEqual(['replace:receive', 'add:recieve']);
  });

  it('says when there are no suggestions', () => {
    const template = contextMenuTemplate(
      { misspelledWord: 'xqzt', dictionarySuggestions: [], isEditable: true, selectionText: '' },
      recorded().actions,
    );
    expect(template[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
  });

  it('offers Copy for selected text outside a field, and nothing for a plain click', () => {
    expect(
      contextMenuTemplate(
        { misspelledWord: '', dictionarySuggestions: [], isEditable: false, selectionText: 'OPCC.D.021.18' },
        recorded().actions,
      ),
    ).toEqual([{ role: 'copy' }]);
    expect(
      contextMenuTemplate(
        { misspelledWord: '', dictionarySuggestions: [], isEditable: false, selectionText: ' ' },
        recorded().actions,
      ),
    ).toEqual([]);
  });
});
