// The web bridge over real HTTP on a real data folder: token, Host and Origin checks, static files, the API.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../../electron/core/desk.ts';
import type { DecisionRecord, Page, RecordSummary } from '../../../electron/core/domain/index.ts';
import { bodyLimitOf, MIN_BODY_BYTES } from '../../../electron/contract.ts';
import { startWebBridge, type WebBridge } from '../../../electron/web/server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

let tmp: string;
let staticDir: string;
let desk: Desk;
let bridge: WebBridge;
const logLines: string[] = [];

/** A raw request: the path goes out as written (no normalising of ".." as fetch would do). */
function send(rawPath: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const withToken = (headers: Record<string, string> = {}) => ({ 'X-Desk-Token': bridge.token, ...headers });

function api(method: string, input: unknown, headers: Record<string, string> = withToken()): Promise<Reply> {
  return send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

async function value<T>(method: string, input: unknown): Promise<T> {
  const reply = await api(method, input);
  expect(reply.status).toBe(200);
  const envelope = reply.json() as { ok: boolean; value: T; error?: unknown };
  expect(envelope.error).toBeUndefined();
  return envelope.value;
}

function expectRefusal(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const envelope = reply.json() as { ok: boolean; error: { code: string; message: string } };
  expect(envelope.ok).toBe(false);
  expect(envelope.error.code).toBe(code);
  expect(envelope.error.message.length).toBeGreaterThan(10);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-web-'));
  staticDir = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Decision Desk</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("window");');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
  fs.writeFileSync(path.join(staticDir, '.hidden'), 'not for serving');
  // What a path-traversal attempt would be after: a file beside the served folder.
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the renderer folder');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  desk = await openDesk(path.join(tmp, 'data'), { dailyBackup: false });
  bridge = await startWebBridge({ service: desk.service, staticDir, log: (line) => logLines.push(line) });
});

afterAll(async () => {
  await bridge?.close();
  await desk?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the web bridge', () => {
  it('listens on the loopback address only, on a port of its own, with a fresh 256-bit token in the fragment', () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    // A fragment is never sent to a server: the page reads it and sends the token in a header.
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
  });

  describe('the token', () => {
    it('is required for the API, and only in the X-Desk-Token header', async () => {
      expectRefusal(await api('records.list', {}, {}), 401, 'forbidden');
      // The cookie of earlier versions is sent by the browser to every port of 127.0.0.1: it is not a credential.
      expectRefusal(
        await api('records.list', {}, { Cookie: `desk-token-${bridge.port}=${bridge.token}` }),
        401,
        'forbidden',
      );
      expectRefusal(await send(`/api/records.list?token=${bridge.token}`, { method: 'POST' }), 401, 'forbidden');
      expect((await api('records.list', {})).status).toBe(200);
    });

    it('refuses a wrong or shortened token in the header', async () => {
      expectRefusal(await api('records.list', {}, { 'X-Desk-Token': 'f'.repeat(64) }), 401, 'forbidden');
      expectRefusal(await api('records.list', {}, { 'X-Desk-Token': bridge.token.slice(0, 63) }), 401, 'forbidden');
      expectRefusal(await api('records.list', {}, { 'X-Desk-Token': '' }), 401, 'forbidden');
    });

    it("is not needed for the window's own files, which carry no data, and never set as a cookie", async () => {
      for (const address of ['/', `/?token=${bridge.token}`, '/assets/app.js']) {
        const reply = await send(address);
        expect(reply.status, address).toBe(200);
        expect(reply.headers['set-cookie'], address).toBeUndefined();
      }
      expect((await send('/')).text).toContain('<title>Decision Desk</title>');
      const apiReply = await api('records.list', {});
      expect(apiReply.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('Host and Origin', () => {
    it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
      for (const host of [
        `evil.example:${bridge.port}`,
        '127.0.0.1',
        `127.0.0.1:${bridge.port + 1}`,
        `localhost.evil.example:${bridge.port}`,
      ]) {
        expectRefusal(await send('/', { headers: withToken({ Host: host }) }), 403, 'forbidden');
        expectRefusal(await api('records.list', {}, withToken({ Host: host })), 403, 'forbidden');
      }
    });

    it('accepts localhost on its own port', async () => {
      const reply = await send('/', { headers: withToken({ Host: `localhost:${bridge.port}` }) });
      expect(reply.status).toBe(200);
    });

    it('refuses a request from another origin, and a null origin', async () => {
      for (const origin of [
        'http://evil.example',
        `http://127.0.0.1:${bridge.port + 1}`,
        `https://127.0.0.1:${bridge.port}`,
        'null',
      ]) {
        expectRefusal(await api('records.list', {}, withToken({ Origin: origin })), 403, 'forbidden');
      }
    });

    it('accepts a request from its own origin', async () => {
      const reply = await api('records.list', {}, withToken({ Origin: bridge.origin }));
      expect(reply.status).toBe(200);
    });
  });

  describe('static files', () => {
    it('serves the page and its assets with their content types and a strict CSP', async () => {
      const page = await send('/', { headers: withToken() });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(page.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        'frame-src',
        'img-src',
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');

      const script = await send('/assets/app.js', { headers: withToken() });
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      const style = await send('/assets/app.css', { headers: withToken() });
      expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(style.text).toBe('body { margin: 0 }');
    });

    it('answers HEAD without a body', async () => {
      const reply = await send('/assets/app.js', { method: 'HEAD', headers: withToken() });
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('');
    });

    it('refuses path traversal, encoded or not, with slashes or backslashes, and dot files and symlinks out', async () => {
      const attempts = [
        '/../package.json',
        '/../secret.txt',
        '/assets/../../secret.txt',
        '/%2e%2e/secret.txt',
        '/%2E%2E%2Fsecret.txt',
        '/..%2fsecret.txt',
        '/assets/%2e%2e/%2e%2e/secret.txt',
        '/..\\secret.txt',
        '/%2e%2e%5csecret.txt',
        '/assets\\..\\..\\secret.txt',
        '/%252e%252e/secret.txt',
        '/.hidden',
        '/assets/link.txt',
        '/%00index.html',
        '/%E0%A4%A',
        `/${path.join(tmp, 'secret.txt')}`,
        '//etc/passwd',
        'http://127.0.0.1/etc/passwd',
        '/nothing-here.js',
      ];
      for (const attempt of attempts) {
        const reply = await send(attempt, { headers: withToken() });
        expect([403, 404], attempt).toContain(reply.status);
        expect(reply.text, attempt).not.toContain('outside the renderer folder');
        expect(reply.text, attempt).not.toContain('not for serving');
      }
    });

    it('accepts only GET and HEAD', async () => {
      const reply = await send('/', { method: 'PUT', headers: withToken() });
      expectRefusal(reply, 405, 'invalid-input');
      expect(reply.headers.allow).toBe('GET, HEAD');
    });
  });

  describe('the API', () => {
    it('round-trips records: create, list, save; a stale save is a conflict envelope', async () => {
      const created = await value<DecisionRecord>('records.create', {
        content: { title: 'Funding for a rural crime team' },
      });
      expect(created.revision).toBe(1);

      const page = await value<Page<RecordSummary>>('records.list', {});
      expect(page.items.map((item) => item.id)).toContain(created.id);

      const saved = await value<DecisionRecord>('records.save', {
        id: created.id,
        baseRevision: 1,
        patch: { title: 'Funding for a rural crime team, 2026/27' },
      });
      expect(saved.revision).toBe(2);

      const stale = await api('records.save', { id: created.id, baseRevision: 1, patch: { title: 'An older edit' } });
      expect(stale.status).toBe(200);
      const envelope = stale.json() as { ok: boolean; error: { code: string } };
      expect(envelope.ok).toBe(false);
      expect(envelope.error.code).toBe('conflict');
      expect((await value<DecisionRecord>('records.get', { id: created.id })).title).toBe(
        'Funding for a rural crime team, 2026/27',
      );
    });

    it('answers no-store and the security headers on API calls', async () => {
      const reply = await api('records.list', {});
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['content-security-policy']).toBeDefined();
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers an unknown method with a not-found envelope', async () => {
      for (const method of ['records.drop', 'toString', '__proto__', '']) {
        const reply = await api(method, {});
        expect(reply.status).toBe(200);
        expect((reply.json() as { error: { code: string } }).error.code).toBe('not-found');
      }
    });

    it('answers invalid input with an invalid-input envelope', async () => {
      const reply = await api('records.get', { id: 42 });
      expect(reply.status).toBe(200);
      expect((reply.json() as { error: { code: string } }).error.code).toBe('invalid-input');
    });

    it('treats an empty body as no input', async () => {
      const reply = await send('/api/records.list', {
        method: 'POST',
        headers: withToken({ 'Content-Type': 'application/json' }),
      });
      expect((reply.json() as { ok: boolean }).ok).toBe(true);
    });

    it('refuses malformed JSON with 400 and an invalid-input envelope', async () => {
      const reply = await send('/api/records.list', {
        method: 'POST',
        headers: withToken({ 'Content-Type': 'application/json' }),
        body: '{"limit": 5,',
      });
      expectRefusal(reply, 400, 'invalid-input');
    });

    it('reads a verifyFile as large as the contract takes: far more than other methods', async () => {
      // 9 MB of base64, well over what a small method may send, and within records.verifyFile's 70 MB.
      const base64 = Buffer.alloc(6_750_000, 0x41).toString('base64');
      const reply = await api('records.verifyFile', { fileName: 'large.pdf', base64 });
      expect(reply.status).toBe(200);
      const envelope = reply.json() as { ok: boolean; error?: { code: string } };
      // Read and checked by the service: not a record.json or a PDF, so a clear refusal of the file, not of the size.
      expect(envelope.error?.code).toBe('invalid-input');
      // More than the single 5 MB limit the bridge once had for every method.
      expect(base64.length).toBeGreaterThan(5 * 1024 * 1024);
    });

    it("refuses a body over the method's limit with 413 and says the limit, whether declared or streamed", async () => {
      const limit = bodyLimitOf('records.list');
      expect(limit).toBe(MIN_BODY_BYTES);
      const big = Buffer.alloc(limit + 1, 0x20);
      const declared = await send('/api/records.list', {
        method: 'POST',
        headers: withToken({ 'Content-Type': 'application/json' }),
        body: big,
      });
      expectRefusal(declared, 413, 'invalid-input');
      expect((declared.json() as { error: { message: string } }).error.message).toContain('16 KB');
      // Just under the limit is read (and is a list request padded with spaces).
      const padded = Buffer.concat([Buffer.from('{}'), Buffer.alloc(limit - 2, 0x20)]);
      expect(
        (
          await send('/api/records.list', {
            method: 'POST',
            headers: withToken({ 'Content-Type': 'application/json' }),
            body: padded,
          })
        ).status,
      ).toBe(200);
      const MAX_BODY_BYTES = limit;
      const streamed = await new Promise<Reply>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port: bridge.port,
            path: '/api/records.list',
            method: 'POST',
            headers: withToken({
              Host: `127.0.0.1:${bridge.port}`,
              'Content-Type': 'application/json',
              'Transfer-Encoding': 'chunked',
            }),
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                text,
                json: () => JSON.parse(text),
              });
            });
          },
        );
        // The server may close the connection while the rest is still being written; the answer has come by then.
        request.on('error', (error) =>
          String(error).includes('EPIPE') || String(error).includes('ECONNRESET') ? undefined : reject(error),
        );
        for (let sent = 0; sent <= MAX_BODY_BYTES; sent += 4096) request.write(Buffer.alloc(4096, 0x20));
        request.end();
      });
      expectRefusal(streamed, 413, 'invalid-input');
      // The bridge goes on serving.
      expect((await api('records.list', {})).status).toBe(200);
    });

    it('accepts only POST, and only JSON', async () => {
      const get = await send('/api/records.list', { headers: withToken() });
      expectRefusal(get, 405, 'invalid-input');
      expect(get.headers.allow).toBe('POST');
      const form = await send('/api/records.list', {
        method: 'POST',
        headers: withToken({ 'Content-Type': 'application/x-www-form-urlencoded' }),
        body: 'limit=5',
      });
      expectRefusal(form, 415, 'invalid-input');
    });

    it('has logged nothing, so no record text reached a log', () => {
      expect(logLines).toEqual([]);
    });
  });
});

describe('stopping the bridge', () => {
  it('closes open keep-alive connections and frees the port', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-web-stop-'));
    const own = await openDesk(path.join(dir, 'data'), { dailyBackup: false });
    const staticOnly = path.join(dir, 'renderer');
    fs.mkdirSync(staticOnly);
    fs.writeFileSync(path.join(staticOnly, 'index.html'), '<!doctype html>');
    const second = await startWebBridge({ service: own.service, staticDir: staticOnly });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: second.port, path: '/', agent, headers: { 'X-Desk-Token': second.token } },
          (response) => {
            response.resume();
            response.on('end', resolve);
          },
        )
        .on('error', reject);
    });
    await second.close();
    await expect(
      new Promise((resolve, reject) =>
        http.get({ host: '127.0.0.1', port: second.port, path: '/' }, resolve).on('error', reject),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
    await own.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
