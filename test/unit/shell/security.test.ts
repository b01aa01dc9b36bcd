// The shell's security predicates against hostile input: external links, IPC senders, frames, permissions, the
// dev server address, and the window preferences.

import { describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_ORIGIN,
  devServerUrl,
  documentWebPreferences,
  externalUrl,
  isAllowedSubframeUrl,
  isPermissionAllowed,
  isTrustedSender,
  PRINT_CONTENT_SECURITY_POLICY,
  secureWebPreferences,
  type SenderFrame,
} from '../../../electron/main/security.ts';
import { mainFrame, subFrame } from '../../helpers/electron-stub.ts';

describe('external links', () => {
  it.each([
    'https://www.gov.uk/government/publications',
    'https://gov.uk/',
    'https://www.legislation.gov.uk/ukpga/2011/13/contents',
    'https://www.police.uk/',
    'https://www.kent.police.uk/',
    'https://ico.org.uk/for-organisations/',
    'HTTPS://WWW.GOV.UK/guidance',
  ])('opens %s', (url) => {
    expect(externalUrl(url)).toBe(new URL(url).href);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript with a gov.uk comment', 'javascript://www.gov.uk/%0Aalert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['file: UNC', 'file://server/share/payload.exe'],
    ['plain http', 'http://www.gov.uk/'],
    ['a look-alike suffix', 'https://gov.uk.evil.com/'],
    ['a name ending in gov.uk', 'https://evilgov.uk/'],
    ['userinfo before an allowed host', 'https://www.gov.uk@evil.com/'],
    ['userinfo with a password', 'https://user:pass@www.gov.uk/'],
    ['an allowed name as userinfo with a port', 'https://www.gov.uk:443@evil.com/'],
    ['a non-default port', 'https://www.gov.uk:8443/'],
    ['a Cyrillic look-alike (IDN)', 'https://www.g\u043ev.uk/'],
    ['punycode of the look-alike', 'https://www.xn--gv-jmc.uk/'],
    ['a trailing dot', 'https://www.gov.uk./'],
    ['an IP address', 'https://192.0.2.10/'],
    ['smb:', 'smb://server/share'],
    ['mailto:', 'mailto:someone@gov.uk'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['app://', 'app://app/index.html'],
    ['a scheme-relative address', '//www.gov.uk/'],
    ['a backslash trick', 'https://evil.com\\@www.gov.uk/'],
    ['not a URL', 'not a url'],
    ['empty', ''],
    ['a very long address', `https://www.gov.uk/${'a'.repeat(5000)}`],
  ])('refuses %s', (_name, url) => {
    expect(externalUrl(url)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const value of [null, undefined, 42, {}, ['https://www.gov.uk/'], new URL('https://www.gov.uk/')]) {
      expect(externalUrl(value)).toBeNull();
    }
  });

  it('returns the parsed address, so tabs and newlines a parser strips cannot change what opens', () => {
    expect(externalUrl('https://www.gov.uk/\tguidance\n')).toBe('https://www.gov.uk/guidance');
    expect(externalUrl('https://gov.uk\n.evil.com/')).toBeNull();
  });
});

describe('IPC senders', () => {
  const app = mainFrame('app://app/index.html');

  it('accepts the app page in its main frame', () => {
    expect(isTrustedSender(app, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(mainFrame('app://app/'), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(mainFrame('app://app/index.html#/records?x=1'), APP_ORIGIN)).toBe(true);
  });

  it('refuses a missing, vanished or detached frame', () => {
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...mainFrame('app://app/'), detached: true }, APP_ORIGIN)).toBe(false);
  });

  it('refuses a subframe, even one on the app origin', () => {
    expect(isTrustedSender(subFrame('app://app/preview.html', app), APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(subFrame('blob:app://app/1d1c', app), APP_ORIGIN)).toBe(false);
  });

  it('refuses a frame that claims no parent but is not its own top', () => {
    const impostor: SenderFrame = { url: 'app://app/', parent: null, top: app };
    expect(isTrustedSender(impostor, APP_ORIGIN)).toBe(false);
  });

  it.each([
    'app://print/5f0c8f4e-2d7a-4bd0-9a0e-3f7a1e2f4b11',
    'app://app.evil/',
    'app://evil@app/',
    'app://app:8080/',
    'https://app/',
    'http://localhost:5173/',
    'file:///C:/app/index.html',
    'about:blank',
    'data:text/html,hello',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses a main frame at %s', (url) => {
    expect(isTrustedSender(mainFrame(url), APP_ORIGIN)).toBe(false);
  });

  it('accepts the dev server only when it is the trusted origin', () => {
    expect(isTrustedSender(mainFrame('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(mainFrame('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
  });
});

describe('frames inside the page', () => {
  it('may show the app’s own blob: documents and empty frames', () => {
    expect(isAllowedSubframeUrl('blob:app://app/6d3b7a9e-0f1c-4b6e-8d9e-2a4f5c6b7d8e', APP_ORIGIN)).toBe(true);
    expect(isAllowedSubframeUrl('about:blank', APP_ORIGIN)).toBe(true);
    expect(isAllowedSubframeUrl('about:srcdoc', APP_ORIGIN)).toBe(true);
  });

  it.each([
    'https://www.gov.uk/',
    'blob:https://evil.com/1',
    'blob:app://app.evil/1',
    'file:///etc/passwd',
    'app://print/x',
    'javascript:alert(1)',
    'blob:',
  ])('may not load %s', (url) => {
    expect(isAllowedSubframeUrl(url, APP_ORIGIN)).toBe(false);
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'unknown',
    'display-capture',
  ])('refuses %s even to the app', (permission) => {
    expect(isPermissionAllowed(permission, 'app://app/', APP_ORIGIN)).toBe(false);
  });

  it('lets only the app page write plain text to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://app/index.html', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://print/x', APP_ORIGIN)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://www.gov.uk/', APP_ORIGIN)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', APP_ORIGIN)).toBe(false);
  });
});

describe('the dev server address', () => {
  it('is used only unpackaged, over http on this machine', () => {
    expect(devServerUrl('http://localhost:5173/', false)?.href).toBe('http://localhost:5173/');
    expect(devServerUrl('http://127.0.0.1:5173', false)?.host).toBe('127.0.0.1:5173');
    expect(devServerUrl('http://localhost:5173/', true)).toBeNull();
    expect(devServerUrl(undefined, false)).toBeNull();
    for (const url of [
      'https://localhost:5173/',
      'http://evil.com:5173/',
      'http://user@localhost:5173/',
      'file:///tmp/index.html',
      'nonsense',
    ]) {
      expect(devServerUrl(url, false)).toBeNull();
    }
  });
});

describe('window preferences', () => {
  it('keep Node out of the main window and sandbox it', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs', { devTools: false });
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
      spellcheck: true,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('give print windows no preload and no JavaScript', () => {
    const preferences = documentWebPreferences();
    expect(preferences).not.toHaveProperty('preload');
    expect(preferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

describe('content security policies', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );

  it('lets the app run only its own scripts and reach nothing outside itself', () => {
    const policy = directives(APP_CONTENT_SECURITY_POLICY);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('lets printed documents run nothing and fetch nothing', () => {
    const policy = directives(PRINT_CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
  });
});
