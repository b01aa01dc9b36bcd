// The settings are read and validated once, and again only when they may have changed: written through the service,
// written by another connection (the command line on the same data folder), or read inside a transaction.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/connection.ts';
import { writeSettings } from '../../../../electron/core/db/settings.ts';
import { openDesk, type Desk } from '../../../../electron/core/desk.ts';
import { DATABASE_FILE } from '../../../../electron/core/paths.ts';
import { dispatch, loadSettings } from '../../../../electron/core/service.ts';

let dir: string;
let desk: Desk;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-settings-cache-'));
  desk = await openDesk(dir, { dailyBackup: false });
});
afterEach(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the settings in force', () => {
  it('are read once and shared, frozen, until they change', () => {
    const first = loadSettings(desk.db);
    expect(loadSettings(desk.db)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.template.signatories[0])).toBe(true);
    expect(() => {
      (first as { userName: string }).userName = 'Changed in place';
    }).toThrow(TypeError);
  });

  it('are read again after an update through the service', async () => {
    const before = loadSettings(desk.db);
    const updated = await dispatch(desk.service, 'settings.update', { patch: { userName: 'Jo Bloggs' } });
    expect(updated.ok).toBe(true);
    const after = loadSettings(desk.db);
    expect(after).not.toBe(before);
    expect(after.userName).toBe('Jo Bloggs');
    const got = await dispatch(desk.service, 'settings.get', {});
    expect(got.ok && (got.value as { userName: string }).userName).toBe('Jo Bloggs');
  });

  it('are read again after another connection writes them (the command line on the same folder)', async () => {
    expect(loadSettings(desk.db).deviceName).not.toBe('Signing tablet');
    const other = await openDatabase(path.join(dir, DATABASE_FILE));
    try {
      writeSettings(other, { deviceName: 'Signing tablet' });
    } finally {
      other.close();
    }
    expect(loadSettings(desk.db).deviceName).toBe('Signing tablet');
  });

  it('keep nothing read inside a transaction that is rolled back', () => {
    const before = loadSettings(desk.db);
    const attempt = desk.db.transaction(() => {
      writeSettings(desk.db, { userName: 'Never committed' });
      expect(loadSettings(desk.db).userName).toBe('Never committed');
      throw new Error('rolled back');
    });
    expect(attempt).toThrow('rolled back');
    expect(loadSettings(desk.db).userName).toBe(before.userName);
  });
});
