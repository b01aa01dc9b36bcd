// The shell's security rules as plain functions (no Electron import), so tests can throw hostile input at them.

import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/page.ts';

/** The UI is served from app://app/…; never from file://, which would give the page the whole disk's origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Print and PDF documents are served from app://print/<token>: another origin, so they can never call the API. */
export const PRINT_HOST = 'print';

/** The same policy as the web bridge, so the renderer behaves alike in the app and in the browser. */
export const APP_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;
/** The printed form: inline styles and data: images (the logo, signatures) only; no script, nothing fetched. */
export const PRINT_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** Links from the app open in the system browser only for these sites (and their subdomains), over https. */
export const EXTERNAL_SITES: readonly string[] = ['gov.uk', 'police.uk', 'ico.org.uk'];
const MAX_URL_LENGTH = 2048;

/** "scheme://host[:port]" of a URL; the WHATWG origin is "null" for schemes like app:, so it is built by hand. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * The URL to hand to the system browser, or null when the link must not leave the app. Returns the parsed form
 * (never the raw string), so what is checked is what is opened.
 */
export function externalUrl(raw: unknown): string | null {
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:') return null;
  // user@host tricks ("https://gov.uk@evil.example") and non-default ports are never needed for a public site.
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  // The parser lower-cases hosts and turns international names into punycode (xn--…), so a look-alike such as
  // "gоv.uk" with a Cyrillic о can never equal an allowed name.
  const host = url.hostname;
  const allowed = EXTERNAL_SITES.some((site) => host === site || host.endsWith(`.${site}`));
  return allowed ? url.href : null;
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly top: unknown;
  readonly detached?: boolean;
}

/**
 * True only for the app's own top-level page: a live frame, with no parent, whose URL is on the trusted origin
 * (app://app, or the dev server while developing). Subframes, other origins and vanished frames are refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigin: string): boolean {
  if (!frame || frame.detached === true) return false;
  if (frame.parent !== null || frame.top !== frame) return false;
  const url = parseUrl(frame.url);
  if (!url || url.username !== '' || url.password !== '') return false;
  return originOf(url) === trustedOrigin;
}

/** What a frame inside the page may load: the document preview (blob: made by the app itself) and empty frames. */
export function isAllowedSubframeUrl(raw: string, trustedOrigin: string): boolean {
  if (raw === 'about:blank' || raw === 'about:srcdoc') return true;
  if (!raw.startsWith('blob:')) return false;
  const inner = parseUrl(raw.slice('blob:'.length));
  return inner !== null && originOf(inner) === trustedOrigin;
}

/**
 * Permissions are refused unless listed here. Writing plain text to the clipboard (a "Copy reference" button) is
 * the one thing the app's own page may do; camera, location, notifications, opening apps and the rest are never needed.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, trustedOrigin: string): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  const url = parseUrl(requestingUrl);
  return url !== null && originOf(url) === trustedOrigin;
}

/** What every window of the app has: no Node in the page or its workers and frames, sandboxed, isolated, no webviews. */
const LOCKED_DOWN: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  navigateOnDragDrop: false,
};

/** The main window: Node stays out of the page, the page is sandboxed and isolated from the preload. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    ...LOCKED_DOWN,
    preload,
    experimentalFeatures: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

/** Hidden print and PDF windows: no preload, no JavaScript, sandboxed; they only lay out a finished document. */
export function documentWebPreferences(): WebPreferences {
  return { ...LOCKED_DOWN, javascript: false, spellcheck: false, devTools: false };
}

/**
 * The dev server's address while developing (electron-vite sets ELECTRON_RENDERER_URL): honoured only in an
 * unpackaged app, and only for plain http on this machine. Anything else is ignored and the app serves app://.
 */
export function devServerUrl(raw: string | undefined, isPackaged: boolean): URL | null {
  if (isPackaged) return null;
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'http:' || url.username !== '' || url.password !== '') return null;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? url : null;
}
