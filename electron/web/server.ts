// The web bridge: the desk's service over loopback HTTP behind an access token sent in a header, and the built
// renderer beside it.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { bodyLimitOf, type Envelope, isMethod, MIN_BODY_BYTES } from '../contract.ts';
import { type DeskService, dispatch } from '../core/service.ts';
import { DeskError, type ErrorCode } from '../core/domain/index.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES, resolveStaticFile } from '../core/page.ts';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Records are private and the window's files change with each build: nothing is worth caching.
  'Cache-Control': 'no-store',
};

export interface WebBridgeOptions {
  service: DeskService;
  /** The built renderer (out/renderer), served as static files. */
  staticDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The access token (the data folder keeps one, see run.ts); without it, one is made for this run. */
  token?: string;
  /** Where transport failures are reported. It is never given record text or the token. */
  log?: (line: string) => void;
}

export interface WebBridge {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /**
   * The address to open: the origin with the token in the fragment (#token=…), which browsers never send to a
   * server. The page keeps it for the tab and sends it in the X-Desk-Token header; it is never a cookie, because
   * cookies ignore ports and would go to every other server on 127.0.0.1.
   */
  url: string;
  close(): Promise<void>;
}

/** A request turned away by the transport before it reaches the service, with the HTTP status to send. */
class Refusal extends DeskError {
  override name = 'Refusal';
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

const refuse = {
  unauthorised: () =>
    new Refusal(
      401,
      'forbidden',
      'This page is not signed in to Decision Desk (its access token is missing or out of date). ' +
        'Open the address Decision Desk printed when it started.',
    ),
  forbidden: (message: string) => new Refusal(403, 'forbidden', message),
  notFound: () => new Refusal(404, 'not-found', 'There is nothing at this address.'),
  method: (allow: string) =>
    new Refusal(405, 'invalid-input', `This address accepts only ${allow} requests.`, { Allow: allow }),
  // The connection is closed after the answer, so a client cannot go on sending the rest of a huge body.
  tooLarge: (limit: number) =>
    new Refusal(
      413,
      'invalid-input',
      `The request is larger than ${describeBytes(limit)}, the most this kind takes, so it was not read.`,
      {
        Connection: 'close',
      },
    ),
  badJson: () => new Refusal(400, 'invalid-input', 'The request body is not valid JSON.'),
  notJson: () => new Refusal(415, 'invalid-input', 'API requests must be JSON (Content-Type: application/json).'),
};

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const tokenDigest = digest(token);
  const staticRoot = fs.realpathSync(path.resolve(options.staticDir));
  const log = options.log ?? (() => {});
  let port = 0;

  const sameToken = (candidate: string | null | undefined) =>
    typeof candidate === 'string' && candidate.length > 0 && timingSafeEqual(digest(candidate), tokenDigest);

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof Refusal)
        return sendEnvelope(response, error.status, { ok: false, error: error.toData() }, error.headers);
      log(
        `web bridge: ${request.method} ${pathOf(request.url)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent) {
        sendEnvelope(response, 500, {
          ok: false,
          error: { code: 'internal', message: 'The request failed unexpectedly.' },
        });
      } else {
        response.destroy();
      }
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const host = checkHost(request.headers.host, port);
    checkOrigin(request.headers.origin, host);
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    if (rawPath === '/api' || rawPath.startsWith('/api/')) {
      // Only the header: a browser adds it to no request on its own, so no other page or server can borrow it.
      if (!sameToken(headerValue(request.headers['x-desk-token']))) throw refuse.unauthorised();
      return handleApi(request, response, rawPath.slice('/api/'.length));
    }
    // The window's own files carry no data (every record comes through the API), so they need no token.
    if (request.method !== 'GET' && request.method !== 'HEAD') throw refuse.method('GET, HEAD');
    await serveStatic(request, response, rawPath);
  }

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, method: string) {
    if (request.method !== 'POST') throw refuse.method('POST');
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw refuse.notJson();
    // At most what the contract says the method's input can be: the largest input its schema accepts.
    const body = await readBody(request, isMethod(method) ? bodyLimitOf(method) : MIN_BODY_BYTES);
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      throw refuse.badJson();
    }
    // Envelopes are always 200: the client reads the outcome from the envelope's code, not the HTTP status.
    sendEnvelope(response, 200, await dispatch(options.service, method, input));
  }

  async function serveStatic(request: http.IncomingMessage, response: http.ServerResponse, rawPath: string) {
    const file = await resolveStaticFile(staticRoot, rawPath);
    if (!file) throw refuse.notFound();
    const type = CONTENT_TYPES[path.extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(file.size) });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(file.path).on('error', reject).on('end', resolve).pipe(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Only the two names of the loopback address on our port: anything else is a rebinding attempt or a mistake. */
function checkHost(host: string | undefined, port: number): string {
  const normalised = (host ?? '').toLowerCase();
  if (normalised !== `127.0.0.1:${port}` && normalised !== `localhost:${port}`) {
    throw refuse.forbidden('This address is served only as 127.0.0.1 or localhost on its own port.');
  }
  return normalised;
}

/** Browsers send Origin on cross-site requests; only pages from this bridge may call it. */
function checkOrigin(origin: string | undefined, host: string): void {
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    throw refuse.forbidden('Requests from other sites are refused.');
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The path of a request URL without its query, for logs (the query may carry the token). */
function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0]!.slice(0, 200);
}

async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw refuse.tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw refuse.tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

function sendEnvelope(
  response: http.ServerResponse,
  status: number,
  envelope: Envelope<unknown>,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(envelope);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}
