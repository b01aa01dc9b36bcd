// serveDesk: opens a real data folder, serves it, and closes the database when stopped.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../electron/core/domain/index.ts';
import { serveDesk } from '../../../electron/web/run.ts';

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
});
