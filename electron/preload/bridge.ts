// Builds window.desk from the method list: one function per method, plus the menu subscription and printing.

import type { DeskApi, DeskBridge, DeskShell, Envelope, MenuEvent, Method } from '../contract.ts';
import { DESK_METHODS, MENU_CHANNEL, MENU_COMMANDS, methodChannel, PRINT_CHANNEL } from './channels.ts';

/** The part of ipcRenderer the bridge uses; the page never sees it. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const KNOWN_COMMANDS: readonly string[] = MENU_COMMANDS;

/** Main is trusted, but a listener in the page should only ever see the events the type promises. */
function isMenuEvent(value: unknown): value is MenuEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { command, id } = value as { command?: unknown; id?: unknown };
  if (typeof command !== 'string' || !KNOWN_COMMANDS.includes(command)) return false;
  return command !== 'open-record' || typeof id === 'string';
}

export function createDeskBridge(ipc: BridgeIpc): DeskBridge {
  const api: Partial<Record<Method, (input: unknown) => Promise<unknown>>> = {};
  for (const method of DESK_METHODS) {
    const channel = methodChannel(method);
    // Only the input crosses: no event objects, no extra arguments the page could smuggle.
    api[method] = (input: unknown) => ipc.invoke(channel, input);
  }
  const shell = {
    onMenu(listener: (event: MenuEvent) => void) {
      const forward = (_event: unknown, payload: unknown) => {
        if (isMenuEvent(payload)) listener(payload);
      };
      ipc.on(MENU_CHANNEL, forward);
      return () => {
        ipc.removeListener(MENU_CHANNEL, forward);
      };
    },
    print: (input: { id: string }) => ipc.invoke(PRINT_CHANNEL, input) as Promise<Envelope<{ printed: boolean }>>,
  } satisfies DeskShell;
  // Every method was filled in by the loop over DESK_METHODS, which the type check ties to the contract.
  return { ...(api as DeskApi), ...shell } satisfies DeskBridge;
}
