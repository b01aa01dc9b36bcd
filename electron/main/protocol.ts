// The app:// protocol: the built renderer from app://app/ and one-off print documents from app://print/<token>.
// A plain fetch-style handler (Request in, Response out), so it is tested without Electron.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_TYPES, resolveStaticFile } from '../core/page.ts';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_HOST,
  APP_SCHEME,
  PRINT_CONTENT_SECURITY_POLICY,
  PRINT_HOST,
} from './security.ts';

/** HTML documents waiting to be printed, each reachable only through its unguessable, single-use address. */
export class PrintDocuments {
  private readonly documents = new Map<string, string>();

  /** Makes the document reachable; call close() once it has been loaded and printed. */
  open(html: string): { url: string; close(): void } {
    const token = randomUUID();
    this.documents.set(token, html);
    return { url: `${APP_SCHEME}://${PRINT_HOST}/${token}`, close: () => this.documents.delete(token) };
  }

  read(token: string): string | undefined {
    return this.documents.get(token);
  }

  get size(): number {
    return this.documents.size;
  }
}

export interface AppProtocolOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  printDocuments: PrintDocuments;
  /** Told about refused requests: the status and the host only, never the path (it could carry text). */
  onRefused?: (status: number, host: string) => void;
}

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const MESSAGES: Record<number, string> = {
  400: 'Bad request.',
  404: 'There is nothing at this address.',
  405: 'This address accepts only GET and HEAD requests.',
};

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  // The guard compares real paths, so the root is resolved through any symbolic links (once it exists: a renderer
  // not built yet gives 404s rather than a main process that cannot start).
  let root: string | null = null;
  const rendererRoot = async () =>
    (root ??= await fs.promises.realpath(path.resolve(options.rendererDir)).catch(() => null));

  function respond(status: number, csp: string, body: Uint8Array | string | null, type: string, head: boolean) {
    const headers = { ...BASE_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': type };
    return new Response(head ? null : body, { status, headers });
  }

  function refuse(status: number, host: string, head: boolean, extra: Record<string, string> = {}) {
    options.onRefused?.(status, host);
    const response = respond(
      status,
      APP_CONTENT_SECURITY_POLICY,
      MESSAGES[status] ?? '',
      'text/plain; charset=utf-8',
      head,
    );
    for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
    return response;
  }

  return async (request) => {
    const head = request.method === 'HEAD';
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, '', head);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.username !== '' || url.password !== '' || url.port !== '') {
      return refuse(400, url.host, head);
    }
    if (request.method !== 'GET' && !head) return refuse(405, url.host, false, { Allow: 'GET, HEAD' });

    if (url.hostname === APP_HOST) {
      const base = await rendererRoot();
      const file = base === null ? null : await resolveStaticFile(base, url.pathname);
      if (!file) return refuse(404, url.host, head);
      const type = CONTENT_TYPES[path.extname(file.path).toLowerCase()] ?? 'application/octet-stream';
      const body = head ? null : await fs.promises.readFile(file.path);
      return respond(200, APP_CONTENT_SECURITY_POLICY, body, type, head);
    }

    if (url.hostname === PRINT_HOST) {
      const html = options.printDocuments.read(url.pathname.slice(1));
      if (html === undefined) return refuse(404, url.host, head);
      return respond(200, PRINT_CONTENT_SECURITY_POLICY, html, 'text/html; charset=utf-8', head);
    }

    return refuse(404, url.host, head);
  };
}
