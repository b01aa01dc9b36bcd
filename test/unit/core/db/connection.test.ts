// Opening the database file: a new file, an older one (backed up first), one from the future, and files that are not databases.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dailyBackup } from '../../../../electron/core/db/backup.ts';
import {
  DatabaseCorruptError,
  DatabaseFromFutureError,
  openDatabase,
  openMemoryDatabase,
  type WritableDB,
} from '../../../../electron/core/db/connection.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../electron/core/db/migrations/index.ts';
import { insertRecord } from '../../../../electron/core/db/records.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import { BACKUP_FOLDER, DATABASE_FILE } from '../../../../electron/core/paths.ts';
import type { DeskError } from '../../../../electron/core/domain/index.ts';
import {
  createBareDb,
  createDb,
  damagePages,
  fileDigest,
  makeRecord,
  migrateTo,
  tmpDataDir,
  userVersion,
} from '../../../helpers/db.ts';

/** A data folder holding a good database with one record and a backup of it, closed. */
async function dataDirWithBackup() {
  const dir = tmpDataDir();
  const file = path.join(dir, DATABASE_FILE);
  const backupDir = path.join(dir, BACKUP_FOLDER);
  const desk = await openDesk(dir, { dailyBackup: false });
  await desk.service['records.create']({ content: { title: 'Kept' } });
  const backup = await dailyBackup(desk.db, backupDir, new Date('2024-03-01T12:00:00Z'));
  await desk.close();
  return { dir, file, backupDir, backup: backup! };
}

/** A daily backup of a closed database file, made the way the desk makes one. */
async function dailyBackupOf(file: string, backupDir: string, now: Date): Promise<string | null> {
  const db = new Database(file);
  try {
    return await dailyBackup(db as WritableDB, backupDir, now);
  } finally {
    db.close();
  }
}

async function expectCorrupt(file: string, backupDir: string | undefined): Promise<DatabaseCorruptError> {
  const error = await openDatabase(file, { backupDir }).then(
    () => {
      throw new Error('the file opened');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseCorruptError);
  expect((error as DatabaseCorruptError).code).toBe('database-corrupt');
  expect((error as DatabaseCorruptError).message).toContain(file);
  return error as DatabaseCorruptError;
}

describe('openDatabase', () => {
  it('creates a new file at the current schema, in WAL mode with foreign keys on', async () => {
    const db = await createDb();
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('opens a file it wrote before without migrating or backing it up', async () => {
    const file = path.join(tmpDataDir(), 'a.sqlite');
    (await openDatabase(file)).close();
    let backups = 0;
    const db = await createDb(file, { backupBeforeMigration: async () => void backups++ });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(backups).toBe(0);
  });

  it('refuses an empty (0-byte) file as damaged, naming the newest backup, and leaves it as it is', async () => {
    const { file, backupDir, backup } = await dataDirWithBackup();
    fs.writeFileSync(file, '');
    let backups = 0;
    const error = await openDatabase(file, { backupDir, backupBeforeMigration: async () => void backups++ }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseCorruptError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(backup);
    expect(fs.statSync(file).size).toBe(0);
    expect(backups).toBe(0);
  });

  it('refuses a database with garbage over its pages (quick_check at open), naming the newest good backup', async () => {
    const { dir, file, backupDir } = await dataDirWithBackup();
    const desk = await openDesk(dir, { dailyBackup: false });
    for (let i = 0; i < 40; i++)
      await desk.service['records.create']({
        content: { title: `Record ${i}`, executiveSummary: 'Text. '.repeat(400) },
      });
    await desk.close();
    // The newest backup is itself damaged: the message must name the good one before it.
    const good = (await dailyBackupOf(file, backupDir, new Date('2024-03-02T12:00:00Z')))!;
    const bad = (await dailyBackupOf(file, backupDir, new Date('2024-03-03T12:00:00Z')))!;
    damagePages(bad);
    damagePages(file);
    const digest = fileDigest(file);
    const error = await expectCorrupt(file, backupDir);
    expect(error.message).toContain(good);
    expect(error.message).not.toContain(bad);
    expect(fileDigest(file)).toBe(digest);
  });

  it('refuses a database from a newer version with DatabaseFromFutureError and leaves the file unchanged', async () => {
    const file = path.join(tmpDataDir(), 'future.sqlite');
    (await openDatabase(file)).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    raw.close();
    const digest = fileDigest(file);
    const error = await openDatabase(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseFromFutureError);
    expect((error as DatabaseFromFutureError).code).toBe('database-from-future');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(`schema ${SCHEMA_VERSION + 10}`);
    expect(fileDigest(file)).toBe(digest);
  });

  it('refuses random bytes with DatabaseCorruptError naming the file and the newest backup, and leaves it unchanged', async () => {
    const { file, backupDir, backup } = await dataDirWithBackup();
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    const digest = fileDigest(file);
    const error = await expectCorrupt(file, backupDir);
    expect(error.message).toContain(backup);
    expect(fileDigest(file)).toBe(digest);
  });

  it('refuses a text file, and says so when there is no backup', async () => {
    const file = path.join(tmpDataDir(), DATABASE_FILE);
    fs.writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    const digest = fileDigest(file);
    const error = await expectCorrupt(file, path.join(path.dirname(file), BACKUP_FOLDER));
    expect(error.message).toContain('No backup was found');
    expect(fileDigest(file)).toBe(digest);
  });

  it.each([50, 4096, 0.5])('refuses a database truncated to %s (bytes, or a fraction of its length)', async (cut) => {
    const { file, backupDir, backup } = await dataDirWithBackup();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, cut < 1 ? Math.floor(bytes.length * cut) : cut));
    const digest = fileDigest(file);
    const error = await expectCorrupt(file, backupDir);
    expect(error.message).toContain(backup);
    expect(fileDigest(file)).toBe(digest);
  });

  it("refuses another program's SQLite database (schema 0 with tables of its own) and leaves it unchanged", async () => {
    const dir = tmpDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const other = new Database(file);
    other.exec("CREATE TABLE records (text TEXT); INSERT INTO records VALUES ('not ours')");
    other.close();
    const digest = fileDigest(file);
    const error = await openDesk(dir, { dailyBackup: false }).then(
      () => null,
      (e: unknown) => e as DeskError,
    );
    expect(error?.code).toBe('database-corrupt');
    expect(error?.message).toContain(file);
    expect(error?.message).toContain('not a Decision Desk database');
    expect(fileDigest(file)).toBe(digest);
  });

  it('backs up a database from the first version before bringing it up to date, keeping its records', async () => {
    const dir = tmpDataDir();
    const old = createBareDb(path.join(dir, DATABASE_FILE));
    migrateTo(old, MIGRATIONS[0]!.version);
    const record = makeRecord();
    insertRecord(old, record, null);
    old.close();

    const desk = await openDesk(dir, { dailyBackup: false });
    expect(userVersion(desk.db)).toBe(SCHEMA_VERSION);
    expect(await desk.service['records.get']({ id: record.id })).toEqual(record);
    await desk.close();
    expect(fs.readdirSync(path.join(dir, BACKUP_FOLDER))).toEqual([
      expect.stringMatching(new RegExp(`^pre-migration-v${MIGRATIONS[0]!.version}-`)),
    ]);
  });

  it('makes no pre-migration backup of a brand-new database', async () => {
    const dir = tmpDataDir();
    const desk = await openDesk(dir, { dailyBackup: false });
    await desk.close();
    expect(fs.existsSync(path.join(dir, BACKUP_FOLDER))).toBe(false);
  });
});

describe('openMemoryDatabase', () => {
  it('has the full schema', () => {
    const db = openMemoryDatabase();
    try {
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });
});
