// Backups: one a day with the last seven kept, pre-migration copies, and every backup a readable database.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DAILY_BACKUPS_KEPT,
  dailyBackup,
  latestBackup,
  MIGRATION_BACKUPS_KEPT,
  migrationBackup,
} from '../../../../electron/core/db/backup.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import { BACKUP_FOLDER } from '../../../../electron/core/paths.ts';
import { createService } from '../../../../electron/core/service.ts';
import { createDb, readTable, tmpDataDir } from '../../../helpers/db.ts';

const day = (n: number) => new Date(Date.UTC(2024, 2, n, 17, 30));

async function dbWithRecords(count: number) {
  const db = await createDb();
  const service = createService({ db });
  for (let i = 0; i < count; i++) await service['records.create']({ content: { title: `Record ${i}` } });
  return db;
}

describe('dailyBackup', () => {
  it('writes daily-YYYY-MM-DD.sqlite once a day', async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    expect(await dailyBackup(db, dir, day(1))).toBe(path.join(dir, 'daily-2024-03-01.sqlite'));
    expect(await dailyBackup(db, dir, day(1))).toBeNull();
    expect(fs.readdirSync(dir)).toEqual(['daily-2024-03-01.sqlite']);
  });

  it(`keeps the last ${DAILY_BACKUPS_KEPT}`, async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    for (let n = 1; n <= 10; n++) await dailyBackup(db, dir, day(n));
    expect(fs.readdirSync(dir).sort()).toEqual(
      [4, 5, 6, 7, 8, 9, 10].map((n) => `daily-2024-03-${String(n).padStart(2, '0')}.sqlite`),
    );
  });

  it('leaves other files in the folder alone', async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    fs.writeFileSync(path.join(dir, 'my-copy.sqlite'), 'mine');
    for (let n = 1; n <= 9; n++) await dailyBackup(db, dir, day(n));
    expect(fs.readFileSync(path.join(dir, 'my-copy.sqlite'), 'utf8')).toBe('mine');
  });

  it('writes a readable SQLite database holding every record', async () => {
    const db = await dbWithRecords(3);
    // A write still in the WAL must be in the backup too.
    db.prepare("UPDATE records SET title = 'Changed in the WAL' WHERE title = 'Record 0'").run();
    const file = (await dailyBackup(db, tmpDataDir(), day(1)))!;
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(readTable(copy, 'records')).toEqual(readTable(db, 'records'));
      expect(readTable(copy, 'revisions')).toHaveLength(3);
    } finally {
      copy.close();
    }
  });

  it('is made when a desk opens, dated by its clock', async () => {
    const dir = tmpDataDir();
    const desk = await openDesk(dir, { now: () => day(5) });
    expect(await desk.backupDone).toBe(path.join(dir, BACKUP_FOLDER, 'daily-2024-03-05.sqlite'));
    await desk.close();
  });
});

describe('migrationBackup', () => {
  it(`keeps the last ${MIGRATION_BACKUPS_KEPT}, newest by date even when the version gains a digit`, async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    const made = [];
    for (const [i, version] of [70, 80, 90, 100].entries()) made.push(await migrationBackup(db, dir, version, day(i + 1)));
    expect(fs.readdirSync(dir).sort()).toEqual(made.slice(1).map((f) => path.basename(f)).sort());
  });
});

describe('latestBackup', () => {
  it('is the newest by the date in its name, daily or pre-migration', async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    await dailyBackup(db, dir, day(2));
    const migration = await migrationBackup(db, dir, 100, day(3));
    await dailyBackup(db, dir, day(1));
    expect(latestBackup(dir)).toBe(migration);
    const daily = await dailyBackup(db, dir, day(4));
    expect(latestBackup(dir)).toBe(daily);
  });

  it('ignores half-written backups and other files, and is null for a missing folder', async () => {
    const dir = tmpDataDir();
    fs.writeFileSync(path.join(dir, 'daily-2024-03-09.sqlite.partial'), '');
    fs.writeFileSync(path.join(dir, 'notes.txt'), '');
    expect(latestBackup(dir)).toBeNull();
    expect(latestBackup(path.join(dir, 'missing'))).toBeNull();
  });
});
