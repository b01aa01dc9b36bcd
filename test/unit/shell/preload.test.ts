// The preload: window.desk is exactly the contract's methods plus the shell's two, each a thin invoke; menu events
// reach the page as payloads only; and the plain method list stays equal to the contract's.

import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../../electron/contract.ts';
import { DESK_METHODS, MENU_CHANNEL, MENU_COMMANDS, PRINT_CHANNEL } from '../../../electron/preload/channels.ts';
import { electronStub, resetElectronStub } from '../../helpers/electron-stub.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);

// The preload runs once, as in a window; each test starts with no recorded calls.
let exposed: Record<string, unknown>;
beforeAll(async () => {
  resetElectronStub();
  await import('../../../electron/preload/index.ts');
  exposed = electronStub.contextBridge.exposed.get('desk') as Record<string, unknown>;
});
beforeEach(() => {
  electronStub.ipcRenderer.invokes.length = 0;
});

async function loadPreload(): Promise<Record<string, unknown>> {
  if (!exposed || typeof exposed !== 'object') throw new Error('window.desk was not exposed');
  return exposed;
}

describe('the method list', () => {
  it('names every contract method, and nothing else', () => {
    expect([...DESK_METHODS].sort()).toEqual([...METHODS].sort());
  });
});

describe('window.desk', () => {
  it('is the only thing exposed, under the name desk', async () => {
    await loadPreload();
    expect([...electronStub.contextBridge.exposed.keys()]).toEqual(['desk']);
  });

  it('has one function per contract method, plus onMenu and print, and nothing else', async () => {
    const desk = await loadPreload();
    expect(Object.keys(desk).sort()).toEqual([...METHODS, 'onMenu', 'print'].sort());
    for (const value of Object.values(desk)) expect(typeof value).toBe('function');
  });

  it('does not hand the page ipcRenderer or any of its methods', async () => {
    const desk = await loadPreload();
    const ipc = electronStub.ipcRenderer as unknown as Record<string, unknown>;
    for (const value of Object.values(desk)) {
      expect(value).not.toBe(electronStub.ipcRenderer);
      expect(Object.values(ipc)).not.toContain(value);
    }
    expect(JSON.stringify(Object.keys(desk))).not.toMatch(/invoke|send|ipc/i);
  });

  it('sends each call on its method channel with the input alone', async () => {
    const desk = await loadPreload();
    const get = desk['records.get'] as (input: unknown, extra?: unknown) => Promise<unknown>;
    await get({ id: 'OPCC.D.001.24' }, 'smuggled');
    const print = desk.print as (input: unknown) => Promise<unknown>;
    await print({ id: 'a' });
    expect(electronStub.ipcRenderer.invokes).toEqual([
      { channel: 'desk:records.get', args: [{ id: 'OPCC.D.001.24' }] },
      { channel: PRINT_CHANNEL, args: [{ id: 'a' }] },
    ]);
  });

  it('passes menu events to the listener as the payload only, and unsubscribes', async () => {
    const desk = await loadPreload();
    const received: unknown[][] = [];
    const onMenu = desk.onMenu as (listener: (...args: unknown[]) => void) => () => void;
    const unsubscribe = onMenu((...args) => received.push(args));
    electronStub.ipcRenderer.emitFromMain(MENU_CHANNEL, { command: 'new-record' });
    electronStub.ipcRenderer.emitFromMain(MENU_CHANNEL, { command: 'open-record', id: 'b7c1' });
    expect(received).toEqual([[{ command: 'new-record' }], [{ command: 'open-record', id: 'b7c1' }]]);
    unsubscribe();
    expect(electronStub.ipcRenderer.listenerCount(MENU_CHANNEL)).toBe(0);
    electronStub.ipcRenderer.emitFromMain(MENU_CHANNEL, { command: 'print' });
    expect(received).toHaveLength(2);
  });

  it('drops menu payloads that are not known commands', async () => {
    const desk = await loadPreload();
    const received: unknown[] = [];
    const unsubscribe = (desk.onMenu as (listener: (event: unknown) => void) => () => void)((event) =>
      received.push(event),
    );
    for (const payload of [
      null,
      'new-record',
      { command: 'format-disk' },
      { command: 'open-record' },
      { command: 42 },
    ]) {
      electronStub.ipcRenderer.emitFromMain(MENU_CHANNEL, payload);
    }
    expect(received).toEqual([]);
    for (const command of MENU_COMMANDS.filter((name) => name !== 'open-record')) {
      electronStub.ipcRenderer.emitFromMain(MENU_CHANNEL, { command });
    }
    expect(received).toHaveLength(MENU_COMMANDS.length - 1);
    unsubscribe();
  });
});
