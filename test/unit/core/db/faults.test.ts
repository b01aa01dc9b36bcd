// The database under faults the user can act on: a full disk, a data folder that cannot be written, a migration
// that fails. Each gets a message that says what happened and what to do, and nothing saved is lost.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../electron/core/db/migrations/index.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import type { DeskError } from '../../../../electron/core/domain/index.ts';
import { BACKUP_FOLDER, DATABASE_FILE } from '../../../../electron/core/paths.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { createBareDb, migrateTo, tmpDataDir, userVersion } from '../../../helpers/db.ts';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('it was not refused');
    },
    (error: unknown) => error as DeskError,
  );

describe('a full disk', () => {
  it('says the disk is full and that the change was not saved; what was saved before stays', async () => {
    const desk = await openDesk(tmpDataDir(), { dailyBackup: false });
    try {
      const record = await desk.service['records.create']({ content: { title: 'Kept' } });
      // SQLite's own limit on the file's size: past it, every write fails with SQLITE_FULL, as on a full disk.
      desk.db.pragma(`max_page_count = ${Number(desk.db.pragma('page_count', { simple: true }))}`);
      const result = await dispatch(desk.service, 'records.save', {
        id: record.id,
        baseRevision: record.revision,
        patch: { executiveSummary: 'A long paragraph. '.repeat(400) },
        mode: 'explicit',
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatchObject({ code: 'unavailable' });
      expect(result.error.message).toMatch(/disk .*is full/i);
      expect(result.error.message).toMatch(/not saved/i);
      expect((await desk.service['records.get']({ id: record.id })).title).toBe('Kept');
    } finally {
      await desk.close();
    }
  });
});

describe('a data folder that cannot be used', () => {
  it('names the folder when it is a file, not a folder', async () => {
    const dir = path.join(tmpDataDir(), 'Decision Desk');
    fs.writeFileSync(dir, 'a file where the folder should be');
    const error = await refusal(openDesk(dir, { dailyBackup: false }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/cannot be used as the data folder|is not a folder/);
  });

  it.skipIf(process.getuid?.() === 0)('names the folder when it cannot be written', async () => {
    const dir = tmpDataDir();
    fs.chmodSync(dir, 0o555);
    try {
      const error = await refusal(openDesk(dir, { dailyBackup: false }));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain(dir);
      expect(error.message).toMatch(/cannot be written/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});

describe('a migration that fails', () => {
  it('says so, that nothing was changed, and names the backup made before it', async () => {
    const dir = tmpDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const old = createBareDb(file);
    migrateTo(old, MIGRATIONS[0]!.version);
    // A table the next step creates, already there: the step fails half-way.
    old.exec('CREATE TABLE outbox (x)');
    old.close();
    const error = await refusal(openDesk(dir, { dailyBackup: false }));
    const backups = fs.readdirSync(path.join(dir, BACKUP_FOLDER));
    expect(backups).toHaveLength(1);
    expect(error.message).toMatch(/update .*failed/i);
    expect(error.message).toMatch(/nothing (in it )?was changed/i);
    expect(error.message).toContain(path.join(dir, BACKUP_FOLDER, backups[0]!));
    // Rolled back whole: the old schema, and the odd table as it was.
    const check = createBareDb(file);
    expect(userVersion(check)).toBe(MIGRATIONS[0]!.version);
    expect(check.prepare("SELECT name FROM pragma_table_info('outbox')").pluck().all()).toEqual(['x']);
  });
});
