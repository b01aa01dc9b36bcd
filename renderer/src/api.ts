// The window's one door to the application: window.desk in Electron, otherwise the loopback HTTP bridge.

import type { DeskApi, DeskShell, MenuEvent, Method, MethodInput, MethodResult } from '../../electron/contract.ts';
import { DeskError, ERROR_CODES, type ErrorCode } from '../../electron/core/domain/errors.ts';
import { messageOf } from './errors.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (with the menu and printing); absent when the web bridge serves the window. */
    desk?: DeskApi & Partial<DeskShell>;
  }
}

type Transport = (method: Method, input: unknown) => Promise<unknown>;

const NOT_RESPONDING = 'Decision Desk is not responding. Check that it is still running, then try again.';
const UNREADABLE =
  'Decision Desk sent an answer this window cannot read. Try again; if it keeps happening, restart Decision Desk.';

function electronTransport(desk: DeskApi): Transport {
  return async (method, input) => {
    try {
      return await (desk[method] as (input: unknown) => Promise<unknown>)(input);
    } catch {
      // The preload answers with envelopes; a rejection means the main process itself did not answer.
      throw new DeskError('unavailable', NOT_RESPONDING);
    }
  };
}

/** Where the tab keeps the bridge's access token: it survives a reload of the tab, and no other tab or site sees it. */
const TOKEN_KEY = 'decision-desk.token';
let tokenInMemory: string | null = null;

/**
 * The web bridge's access token. The printed address carries it in the fragment (#token=…), which browsers never
 * send to a server; it is taken from there once, kept for the tab, and removed from the address bar. It goes to the
 * bridge in a header only, never in a cookie (cookies ignore ports, so any server on 127.0.0.1 would get it).
 */
function bridgeToken(): string | null {
  const found = /(?:^#|&)token=([0-9a-f]{16,128})(?:&|$)/i.exec(window.location.hash);
  if (found) {
    tokenInMemory = found[1]!;
    try {
      window.sessionStorage.setItem(TOKEN_KEY, tokenInMemory);
    } catch {
      // Storage refused (a private window's quota): the token stays in memory for this page.
    }
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  if (tokenInMemory === null) {
    try {
      tokenInMemory = window.sessionStorage.getItem(TOKEN_KEY);
    } catch {
      tokenInMemory = null;
    }
  }
  return tokenInMemory;
}

/** Browsers let a request outlive its page only up to 64 KB in all: enough for a save of a few sections. */
const KEEPALIVE_LIMIT = 60_000;

const httpTransport: Transport = async (method, input) => {
  let response: Response;
  const body = JSON.stringify(input ?? {});
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = bridgeToken();
  if (token) headers['X-Desk-Token'] = token;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      // Nothing rides on cookies: the token is the header above.
      credentials: 'omit',
      headers,
      body,
      // A save started as the page closes still arrives.
      keepalive: body.length <= KEEPALIVE_LIMIT,
    });
  } catch {
    throw new DeskError('unavailable', NOT_RESPONDING);
  }
  try {
    // Refusals (401, 403, 413…) carry an envelope too, so the body is read whatever the status.
    return (await response.json()) as unknown;
  } catch {
    throw new DeskError('unavailable', UNREADABLE);
  }
};

/** The value of an envelope, or its error thrown as a DeskError with the same code. */
function unwrap<T>(envelope: unknown): T {
  if (typeof envelope === 'object' && envelope !== null) {
    const { ok, value, error } = envelope as { ok?: unknown; value?: unknown; error?: unknown };
    if (ok === true && 'value' in envelope) return value as T;
    if (ok === false && typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof message === 'string') {
        // A code this window does not know (a newer application) still shows its message.
        const known = (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'internal';
        throw new DeskError(known, message, details);
      }
    }
  }
  throw new DeskError('internal', UNREADABLE);
}

/** Calls one API method, typed by the contract; resolves to its result or throws a DeskError. */
export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const transport = window.desk ? electronTransport(window.desk) : httpTransport;
  return unwrap<MethodResult<M>>(await transport(method, input));
}

/** Listens to the app's menu (Electron only; the browser has none). Returns the function that stops listening. */
export function onMenu(listener: (event: MenuEvent) => void): () => void {
  return window.desk?.onMenu?.(listener) ?? (() => {});
}

/** Whether the window runs in the Decision Desk app (Electron) rather than a browser tab. */
export function inApp(): boolean {
  return window.desk !== undefined;
}

/** Prints the record's form through the system print dialog; resolves to whether it was printed. */
export async function print(id: string): Promise<boolean> {
  const desk = window.desk;
  if (!desk?.print)
    throw new DeskError(
      'unavailable',
      'Printing is available in the Decision Desk app only. Export a PDF and print that.',
    );
  return unwrap<{ printed: boolean }>(await desk.print({ id })).printed;
}

// Take the token out of the address bar as soon as the window starts, before anything else can read or copy it.
if (typeof window !== 'undefined' && !window.desk) bridgeToken();

export const api = { call, messageOf, onMenu, inApp, print };
