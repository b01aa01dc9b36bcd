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
import { DeskError } from '../../../../electron/core/domain/index.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import { BACKUP_FOLDER } from '../../../../electron/core/paths.ts';
import { createService, dispatch } from '../../../../electron/core/service.ts';
import type { CoreLog } from '../../../../electron/core/log.ts';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import { createDb, damagePages, fileDigest, readTable, testClock, tmpDataDir } from '../../../helpers/db.ts';

/** A log that keeps what it is told, for a test to read. */
function memoryLog() {
  const entries: { level: 'warn' | 'error'; event: string; message: string }[] = [];
  const log: CoreLog = {
    warn: (event) => entries.push({ level: 'warn', event, message: '' }),
    error: (event, error) =>
      entries.push({ level: 'error', event, message: error instanceof Error ? error.message : String(error) }),
  };
  return { log, entries };
}

/** The desk's upkeep timer, run by the test instead of by the clock. */
function manualTimers() {
  let tick: (() => void) | null = null;
  return {
    timers: {
      setInterval: (run: () => void) => ((tick = run), 1),
      clearInterval: () => void (tick = null),
    },
    tick: () => tick?.(),
  };
}

/** A closed database file with records on enough pages to damage some. */
async function databaseFileWithRecords(dir: string) {
  const desk = await openDesk(dir, { dailyBackup: false });
  for (let i = 0; i < 40; i++)
    await desk.service['records.create']({ content: { title: `Record ${i}`, executiveSummary: 'Text. '.repeat(400) } });
  await desk.close();
  return path.join(dir, 'decision-desk.sqlite');
}

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

describe('the daily backup of a damaged database', () => {
  it('is refused: the good backups stay, none is rotated out, nothing half-written is left', async () => {
    const dir = tmpDataDir();
    const file = await databaseFileWithRecords(dir);
    const backups = path.join(dir, BACKUP_FOLDER);
    const good = new Database(file) as WritableDB;
    for (let n = 1; n <= DAILY_BACKUPS_KEPT; n++) await dailyBackup(good, backups, day(n));
    good.close();
    const before = Object.fromEntries(
      fs.readdirSync(backups).map((name) => [name, fileDigest(path.join(backups, name))]),
    );
    damagePages(file);
    const damaged = new Database(file) as WritableDB;
    try {
      const error: unknown = await dailyBackup(damaged, backups, day(DAILY_BACKUPS_KEPT + 1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).code).toBe('database-corrupt');
      expect((error as DeskError).message).toContain(file);
    } finally {
      damaged.close();
    }
    expect(
      Object.fromEntries(fs.readdirSync(backups).map((name) => [name, fileDigest(path.join(backups, name))])),
    ).toEqual(before);
  });

  it('of a file too large to check at open: the desk checks it in the background, logs it, keeps it unchanged and makes no backup', async () => {
    const dir = tmpDataDir();
    const file = await databaseFileWithRecords(dir);
    damagePages(file);
    const { log, entries } = memoryLog();
    const desk = await openDesk(dir, { now: () => day(5), log, checkAtOpenMaxBytes: 0, timers: manualTimers().timers });
    expect(await desk.checked).toMatchObject({ ok: false });
    expect(await desk.backupDone).toBeNull();
    expect(fs.existsSync(path.join(dir, BACKUP_FOLDER))).toBe(false);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'database.damaged', message: expect.stringContaining(file) }),
    );
    const digest = fileDigest(file);
    const refused = await dispatch(desk.service, 'records.create', { content: { title: 'Not into a damaged file' } });
    expect(refused.ok).toBe(false);
    await desk.close();
    expect(fileDigest(file)).toBe(digest);
  });
});

describe("the desk's daily backup", () => {
  it("is made again after midnight while the desk stays open (the upkeep timer, on the desk's clock)", async () => {
    const dir = tmpDataDir();
    const clock = testClock('2024-03-05T22:00:00.000Z');
    const { timers, tick } = manualTimers();
    const desk = await openDesk(dir, { now: clock.now, timers, log: memoryLog().log });
    expect(await desk.backupDone).toBe(path.join(dir, BACKUP_FOLDER, 'daily-2024-03-05.sqlite'));
    tick();
    expect(await desk.backupDone).toBe(path.join(dir, BACKUP_FOLDER, 'daily-2024-03-05.sqlite'));
    clock.set('2024-03-06T00:05:00.000Z');
    tick();
    expect(await desk.backupDone).toBe(path.join(dir, BACKUP_FOLDER, 'daily-2024-03-06.sqlite'));
    await desk.close();
    expect(fs.readdirSync(path.join(dir, BACKUP_FOLDER)).sort()).toEqual([
      'daily-2024-03-05.sqlite',
      'daily-2024-03-06.sqlite',
    ]);
  });

  it('that fails is logged as an error, and the desk keeps working', async () => {
    const dir = tmpDataDir();
    // A file where the backup folder should be: every backup fails.
    fs.writeFileSync(path.join(dir, BACKUP_FOLDER), 'not a folder');
    const { log, entries } = memoryLog();
    const desk = await openDesk(dir, { now: () => day(5), log, timers: manualTimers().timers });
    expect(await desk.backupDone).toBeNull();
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', event: 'backup.daily-failed' }));
    await desk.service['records.create']({ content: { title: 'Still saved' } });
    await desk.close();
  });
});

describe('migrationBackup', () => {
  it(`keeps the last ${MIGRATION_BACKUPS_KEPT}, newest by date even when the version gains a digit`, async () => {
    const db = await dbWithRecords(1);
    const dir = tmpDataDir();
    const made = [];
    for (const [i, version] of [70, 80, 90, 100].entries())
      made.push(await migrationBackup(db, dir, version, day(i + 1)));
    expect(fs.readdirSync(dir).sort()).toEqual(
      made
        .slice(1)
        .map((f) => path.basename(f))
        .sort(),
    );
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
