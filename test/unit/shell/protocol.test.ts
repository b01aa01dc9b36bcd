// The app:// protocol handler over a real folder: the renderer's files are served with the CSP, nothing outside the
// folder ever is (whatever the path), and print documents are reachable only by their one-off address.

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, PrintDocuments } from '../../../electron/main/protocol.ts';
import { APP_CONTENT_SECURITY_POLICY, PRINT_CONTENT_SECURITY_POLICY } from '../../../electron/main/security.ts';
import { tmpDataDir } from '../../helpers/db.ts';

const SECRET = 'the contents of a file outside the renderer folder';

let root: string;
let rendererDir: string;
let printDocuments: PrintDocuments;
let refused: { status: number; host: string }[];
let handle: (request: Request) => Promise<Response>;

beforeEach(() => {
  root = tmpDataDir('decision-desk-protocol-');
  rendererDir = path.join(root, 'out', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!DOCTYPE html><title>Decision Desk</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc123.js'), 'console.log("app")');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc123.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'nested', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'space name.png'), 'png');
  fs.writeFileSync(path.join(root, 'out', 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  printDocuments = new PrintDocuments();
  refused = [];
  handle = createAppProtocolHandler({
    rendererDir,
    printDocuments,
    onRefused: (status, host) => refused.push({ status, host }),
  });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the renderer at app://app/', () => {
  it('serves index.html for the root, with the CSP and the right type', async () => {
    const response = await get('app://app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Decision Desk</title>');
  });

  it('serves the built assets with their types', async () => {
    expect((await get('app://app/assets/index-abc123.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://app/assets/index-abc123.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect(await (await get('app://app/assets/nested/logo.svg')).text()).toBe('<svg/>');
    expect((await get('app://app/assets/space%20name.png')).status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://app/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s', async (method) => {
    const response = await get('app://app/index.html', method);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  // Request and URL normalise some of these before the handler sees them (as Chromium does): either way, nothing
  // outside the folder may come back, and nothing that is not a file.
  it.each([
    ['dot-dot', 'app://app/../secret.txt'],
    ['dot-dot twice', 'app://app/../../secret.txt'],
    ['dot-dot inside a folder', 'app://app/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://app/%2e%2e/secret.txt'],
    ['encoded dot-dot and slash', 'app://app/..%2fsecret.txt'],
    ['encoded slashes', 'app://app/assets%2f..%2f..%2fsecret.txt'],
    ['double-encoded dot-dot', 'app://app/%252e%252e/secret.txt'],
    ['double-encoded slash', 'app://app/..%252fsecret.txt'],
    ['an absolute path', 'app://app//etc/passwd'],
    ['an encoded absolute path', 'app://app/%2Fetc%2Fpasswd'],
    ['a Windows drive', 'app://app/C:/Windows/win.ini'],
    ['an encoded Windows drive', 'app://app/C%3A%5CWindows%5Cwin.ini'],
    ['backslashes', 'app://app/..\\..\\secret.txt'],
    ['encoded backslashes', 'app://app/..%5C..%5Csecret.txt'],
    ['a NUL byte', 'app://app/index.html%00.png'],
    ['a NUL byte before dot-dot', 'app://app/%00/../secret.txt'],
    ['an NTFS stream name', 'app://app/index.html::$DATA'],
    ['a dot file', 'app://app/.env'],
    ['bad percent-encoding', 'app://app/%E0%A4%A'],
    ['a folder', 'app://app/assets'],
    ['a folder with a slash', 'app://app/assets/'],
    ['a symbolic link out of the folder', 'app://app/assets/link.txt'],
    ['a missing file', 'app://app/missing.js'],
  ])('refuses %s', async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain(SECRET);
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://app.evil/index.html'],
    ['a port', 'app://app:8080/index.html'],
    ['another scheme', 'https://app/index.html'],
  ])('refuses %s', async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('Decision Desk');
  });

  it('refuses userinfo (which a fetch Request cannot even carry)', async () => {
    const response = await handle({ url: 'app://evil@app/index.html', method: 'GET' } as Request);
    expect(response.status).toBe(400);
  });

  it('tells the log the status and host of a refusal, never the path', async () => {
    await get('app://app/private%20record%20title.txt');
    expect(refused).toEqual([{ status: 404, host: 'app' }]);
  });

  it('answers 404 (not a crash) while the renderer has not been built', async () => {
    const unbuilt = createAppProtocolHandler({ rendererDir: path.join(root, 'nowhere'), printDocuments });
    expect((await unbuilt(new Request('app://app/'))).status).toBe(404);
  });
});

describe('print documents at app://print/', () => {
  it('serves a document at its one-off address with the print CSP, until it is closed', async () => {
    const served = printDocuments.open('<!DOCTYPE html><p>Record</p>');
    expect(served.url).toMatch(/^app:\/\/print\/[0-9a-f-]{36}$/);
    const response = await get(served.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(PRINT_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<p>Record</p>');
    served.close();
    expect(printDocuments.size).toBe(0);
    expect((await get(served.url)).status).toBe(404);
  });

  it('gives nothing for a guessed or altered address', async () => {
    const served = printDocuments.open('<p>Record</p>');
    for (const url of [
      'app://print/',
      'app://print/1',
      `${served.url}x`,
      `app://app/${served.url.split('/').pop()}`,
      served.url.toUpperCase(),
    ]) {
      expect(await (await get(url)).text()).not.toContain('Record');
    }
  });
});
