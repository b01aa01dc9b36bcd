// serveDesk: opens a real data folder, serves it, and closes the database when stopped.

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../electron/core/domain/index.ts';
import { BRIDGE_ACCESS_FILE, serveDesk } from '../../../electron/web/run.ts';

let tmp: string;
let staticDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-serve-'));
  staticDir = path.join(tmp, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Decision Desk</title>');
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('serveDesk', () => {
  it('serves the data folder until stopped, then closes the database and frees the port', async () => {
    const dataDir = path.join(tmp, 'data');
    const served = await serveDesk({ dataDir, staticDir, open: false });
    const created = await fetch(`${served.bridge.origin}/api/records.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': served.bridge.token },
      body: JSON.stringify({ content: { title: 'Body-worn video replacement' } }),
    });
    expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'decision-desk.sqlite'))).toBe(true);

    await served.stop();
    await served.stop();
    expect(served.desk.db.open).toBe(false);
    await expect(fetch(served.bridge.origin)).rejects.toThrow();
  });

  it('refuses to start, with advice, when the window has not been built', async () => {
    const empty = path.join(tmp, 'not-built');
    fs.mkdirSync(empty);
    const attempt = serveDesk({ dataDir: path.join(tmp, 'data'), staticDir: empty, open: false });
    await expect(attempt).rejects.toThrow(DeskError);
    await expect(attempt).rejects.toThrow(/npm run build:renderer/);
    expect(fs.existsSync(path.join(tmp, 'data'))).toBe(false);
  });

  it('keeps its port and token per data folder, in a file only the user can read, so an open tab reconnects', async () => {
    const dataDir = path.join(tmp, 'data');
    const first = await serveDesk({ dataDir, staticDir, open: false });
    const { port, token, url } = first.bridge;
    await first.stop();

    const file = path.join(dataDir, BRIDGE_ACCESS_FILE);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ port, token });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const second = await serveDesk({ dataDir, staticDir, open: false });
    try {
      expect(second.bridge.url).toBe(url);
      const listed = await fetch(`${second.bridge.origin}/api/records.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
        body: '{}',
      });
      expect(((await listed.json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('says so and serves on another port when its own is taken, and remembers that one', async () => {
    const dataDir = path.join(tmp, 'data');
    const first = await serveDesk({ dataDir, staticDir, open: false });
    const { port, token } = first.bridge;
    await first.stop();

    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const lines: string[] = [];
    try {
      const second = await serveDesk({ dataDir, staticDir, open: false, log: (line) => lines.push(line) });
      await second.stop();
      expect(second.bridge.port).not.toBe(port);
      expect(second.bridge.token).toBe(token);
      expect(lines).toEqual([expect.stringContaining(`Port ${port}`)]);
      expect(lines[0]).toContain(String(second.bridge.port));
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, BRIDGE_ACCESS_FILE), 'utf8'))).toEqual({
        port: second.bridge.port,
        token,
      });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('makes a new token when the file is damaged, and tightens a file others could read', async () => {
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, BRIDGE_ACCESS_FILE);
    fs.writeFileSync(file, '{"port": "eighty", "token": 3', { mode: 0o644 });
    const served = await serveDesk({ dataDir, staticDir, open: false });
    await served.stop();
    expect(served.bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ port: served.bridge.port, token: served.bridge.token });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
