// Guards put on every web page the app creates and on its session: no navigation away, no new windows, no
// webviews, permissions denied, nothing fetched from the network. Links to allowed sites open in the system browser.

import type { Session, WebContents } from 'electron';
import type { Log } from './log.ts';
import { externalUrl, isAllowedSubframeUrl, isPermissionAllowed, originOf } from './security.ts';

export interface GuardOptions {
  /** app://app, or the dev server's origin while developing. */
  trustedOrigin: string;
  openExternal(url: string): void;
  log: Log;
}

/** Only the origin goes in the log: the rest of an address can carry a record's text. */
function originForLog(raw: string): string {
  try {
    return originOf(new URL(raw));
  } catch {
    return 'unparsable';
  }
}

function openIfAllowed(raw: string, options: GuardOptions): void {
  const url = externalUrl(raw);
  if (url) {
    options.log.info('link.opened', { origin: originForLog(url) });
    options.openExternal(url);
  } else {
    options.log.warn('link.refused', { origin: originForLog(raw) });
  }
}

export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log.warn('webview.refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, options);
    return { action: 'deny' };
  });
  // The page is a single document: it never navigates itself. A clicked link is offered to the system browser.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfAllowed(event.url, options);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    options.log.warn('redirect.refused', { origin: originForLog(event.url) });
  });
  // Frames inside the page (the document preview) may show the app's own blob: documents, nothing else.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAllowedSubframeUrl(event.url, options.trustedOrigin)) return;
    event.preventDefault();
    options.log.warn('frame-navigation.refused', { origin: originForLog(event.url) });
  });
}

export function hardenSession(session: Session, options: { trustedOrigin: string; log: Log }): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, options.trustedOrigin);
    if (!allowed) options.log.warn('permission.refused', { permission, origin: originForLog(details.requestingUrl) });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, options.trustedOrigin),
  );
  // Offline by construction: the page has no business on the network. While developing, the dev server (and its
  // live-reload socket) is the one exception.
  const reachable = new Set([options.trustedOrigin, options.trustedOrigin.replace(/^http/, 'ws')]);
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      const origin = originForLog(details.url);
      const allowed = reachable.has(origin);
      if (!allowed) options.log.warn('request.refused', { origin });
      callback({ cancel: !allowed });
    },
  );
}
