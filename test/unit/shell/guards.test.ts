// The guards on every page and on the session, driven as Electron would drive them: navigation, redirects, new
// windows and webviews are stopped; allowed links go to the system browser; permissions and the network are refused.

import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { guardWebContents, hardenSession } from '../../../electron/main/guards.ts';
import { APP_ORIGIN } from '../../../electron/main/security.ts';
import { StubEvent, StubSession, StubWebContents } from '../../helpers/electron-stub.ts';
import { recordingLog } from './recording-log.ts';

let contents: StubWebContents;
let opened: string[];
let log: ReturnType<typeof recordingLog>;

beforeEach(() => {
  contents = new StubWebContents();
  opened = [];
  log = recordingLog();
  guardWebContents(contents as unknown as WebContents, {
    trustedOrigin: APP_ORIGIN,
    openExternal: (url) => opened.push(url),
    log,
  });
});

function navigate(kind: 'will-navigate' | 'will-redirect', url: string): StubEvent {
  const event = new StubEvent({ url, isMainFrame: true, isSameDocument: false });
  contents.emit(kind, event, url);
  return event;
}

function frameNavigate(url: string, isMainFrame: boolean): StubEvent {
  const event = new StubEvent({ url, isMainFrame, isSameDocument: false });
  contents.emit('will-frame-navigate', event);
  return event;
}

describe('navigation', () => {
  it.each([
    'https://www.gov.uk/guidance',
    'https://evil.com/',
    'app://app/other.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('never lets the page itself navigate to %s', (url) => {
    expect(navigate('will-navigate', url).defaultPrevented).toBe(true);
  });

  it('offers an allowed link to the system browser, and only that', () => {
    navigate('will-navigate', 'https://www.gov.uk/guidance');
    navigate('will-navigate', 'https://gov.uk.evil.com/');
    navigate('will-navigate', 'http://www.gov.uk/');
    expect(opened).toEqual(['https://www.gov.uk/guidance']);
  });

  it('stops every redirect', () => {
    expect(navigate('will-redirect', 'https://www.gov.uk/').defaultPrevented).toBe(true);
    expect(navigate('will-redirect', 'app://app/').defaultPrevented).toBe(true);
    expect(opened).toEqual([]);
  });

  it('lets frames inside the page show only the app’s own blob: documents', () => {
    expect(frameNavigate('blob:app://app/7a1c', false).defaultPrevented).toBe(false);
    expect(frameNavigate('about:srcdoc', false).defaultPrevented).toBe(false);
    expect(frameNavigate('https://evil.com/', false).defaultPrevented).toBe(true);
    expect(frameNavigate('blob:https://evil.com/7a1c', false).defaultPrevented).toBe(true);
    expect(frameNavigate('file:///etc/passwd', false).defaultPrevented).toBe(true);
  });

  it('logs the origin of a refused address, never the rest of it', () => {
    navigate('will-navigate', 'https://evil.com/steal?text=Confidential%20decision%20about%20Sgt%20Smith');
    const text = log.lines.join('\n');
    expect(text).toContain('https://evil.com');
    expect(text).not.toMatch(/Confidential|Smith|steal/);
  });
});

describe('new windows', () => {
  const open = (url: string) =>
    (contents.windowOpenHandler as (details: { url: string }) => { action: string })({ url });

  it.each(['https://www.gov.uk/', 'https://evil.com/', 'app://app/', 'about:blank', 'javascript:alert(1)'])(
    'are always denied (%s)',
    (url) => {
      expect(open(url)).toEqual({ action: 'deny' });
    },
  );

  it('open allowed links in the system browser instead', () => {
    open('https://www.legislation.gov.uk/ukpga/2011/13');
    open('https://www.gov.uk@evil.com/');
    open('file:///C:/Windows/System32/calc.exe');
    expect(opened).toEqual(['https://www.legislation.gov.uk/ukpga/2011/13']);
  });
});

describe('webviews', () => {
  it('are never attached', () => {
    const event = new StubEvent();
    contents.emit('will-attach-webview', event, { preload: '/evil.js' }, { src: 'https://evil.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('the session', () => {
  let session: StubSession;
  beforeEach(() => {
    session = new StubSession();
    hardenSession(session as unknown as Session, { trustedOrigin: APP_ORIGIN, log });
  });

  const request = (permission: string, requestingUrl: string) =>
    new Promise<boolean>((resolve) =>
      session.permissionRequestHandler!(contents, permission, resolve, { requestingUrl }),
    );

  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'fullscreen',
    'pointerLock',
    'midiSysex',
    'unknown',
  ])('refuses a request for %s', async (permission) => {
    expect(await request(permission, 'app://app/index.html')).toBe(false);
    expect(session.permissionCheckHandler!(contents, permission, 'app://app', {})).toBe(false);
  });

  it('allows plain-text clipboard writes to the app page alone', async () => {
    expect(await request('clipboard-sanitized-write', 'app://app/index.html')).toBe(true);
    expect(await request('clipboard-sanitized-write', 'https://evil.com/')).toBe(false);
    expect(session.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'https://evil.com', {})).toBe(false);
  });

  const fetches = (url: string) =>
    new Promise<boolean>((resolve) =>
      session.beforeRequest!.listener({ url }, ({ cancel }: { cancel: boolean }) => resolve(!cancel)),
    );

  it('refuses every request to the network', async () => {
    expect(session.beforeRequest!.filter).toEqual({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] });
    for (const url of [
      'https://www.gov.uk/',
      'http://127.0.0.1:8080/api',
      'wss://evil.com/socket',
      'http://localhost:5173/',
    ]) {
      expect(await fetches(url)).toBe(false);
    }
  });

  it('lets the dev server (and its live-reload socket) through while developing', async () => {
    const dev = new StubSession();
    hardenSession(dev as unknown as Session, { trustedOrigin: 'http://localhost:5173', log });
    const through = (url: string) =>
      new Promise<boolean>((resolve) =>
        dev.beforeRequest!.listener({ url }, ({ cancel }: { cancel: boolean }) => resolve(!cancel)),
      );
    expect(await through('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(await through('ws://localhost:5173/?token=x')).toBe(true);
    expect(await through('http://localhost:5174/')).toBe(false);
    expect(await through('https://www.gov.uk/')).toBe(false);
  });
});
