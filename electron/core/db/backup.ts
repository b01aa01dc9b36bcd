// Backups with SQLite's online backup API: one a day (the last 7 kept) and one before every migration.

import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../domain/index.ts';
import { checkFile, checkHere } from './check.ts';
import type { ReadableDB } from './connection.ts';

const DAILY = /^daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;
const PRE_MIGRATION = /^pre-migration-v\d+-\d{8}T\d{6}Z\.sqlite$/;
const ANY_BACKUP = new RegExp(`${DAILY.source}|${PRE_MIGRATION.source}`);
export const DAILY_BACKUPS_KEPT = 7;
export const MIGRATION_BACKUPS_KEPT = 3;

/** The day a daily backup is named after (UTC, as in its name). */
export const backupDay = (now: Date) => now.toISOString().slice(0, 10);
const compactStamp = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** The copy of a damaged database: it is not kept, and it rotates no good backup out. */
export class DamagedBackupError extends DeskError {
  override name = 'DamagedBackupError';
  constructor(database: string, dir: string, problem: string) {
    const good = latestGoodBackup(dir);
    super(
      'database-corrupt',
      `The database ${database} is damaged (${problem}). Today's backup of it was not kept and the older backups ` +
        `were left as they are. ` +
        (good
          ? `The newest good backup is ${good}: close the app, move the damaged file aside and copy the backup in its place.`
          : 'No good backup was found.'),
    );
  }
}

export interface BackupOptions {
  /** better-sqlite3's nativeBinding, for the check of the copy on a worker thread. */
  nativeBinding?: string;
}

/**
 * Copies the live database (WAL included) to `file` through a temporary name, so a half-written backup never shows,
 * and checks the copy with a full integrity_check before it takes that name: the backup API copies pages as they
 * are, so a damaged database gives a damaged copy, which is deleted instead of kept.
 */
async function backupTo(db: ReadableDB, file: string, options: BackupOptions): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    const verdict = await checkFile(partial, 'integrity_check', options);
    if (!verdict.ok)
      throw new DamagedBackupError(db.name, path.dirname(file), `integrity_check: ${verdict.problems[0]}`);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return file;
}

/** When a backup was made, from its name, as a sortable `YYYYMMDDTHHMMSSZ`; a daily one counts as the end of its day. */
function stampOf(name: string): string {
  const day = DAILY.exec(name)?.[1];
  return day ? `${day.replace(/-/g, '')}T235959Z` : name.replace(/^pre-migration-v\d+-/, '').replace('.sqlite', '');
}

/** Backups matching `pattern`, oldest first. By date, not name: "v100" sorts before "v90" by name. */
function backupsByDate(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => pattern.test(n))
    .map((n) => ({ n, stamp: stampOf(n) }))
    .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0))
    .map(({ n }) => n);
}

function prune(dir: string, pattern: RegExp, keep: number): void {
  const names = backupsByDate(dir, pattern);
  for (const name of names.slice(0, Math.max(0, names.length - keep))) fs.rmSync(path.join(dir, name), { force: true });
}

/** Makes today's backup unless one exists; returns its path, or null when there was nothing to do. */
export async function dailyBackup(
  db: ReadableDB,
  dir: string,
  now = new Date(),
  options: BackupOptions = {},
): Promise<string | null> {
  const file = path.join(dir, `daily-${backupDay(now)}.sqlite`);
  if (fs.existsSync(file)) return null;
  await backupTo(db, file, options);
  prune(dir, DAILY, DAILY_BACKUPS_KEPT);
  return file;
}

export async function migrationBackup(
  db: ReadableDB,
  dir: string,
  fromVersion: number,
  now = new Date(),
  options: BackupOptions = {},
) {
  const file = await backupTo(db, path.join(dir, `pre-migration-v${fromVersion}-${compactStamp(now)}.sqlite`), options);
  prune(dir, PRE_MIGRATION, MIGRATION_BACKUPS_KEPT);
  return file;
}

/** The newest backup in `dir` that passes quick_check, or null: the one to name when the database is damaged. */
export function latestGoodBackup(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  for (const name of backupsByDate(dir, ANY_BACKUP).reverse()) {
    const file = path.join(dir, name);
    try {
      if (checkHere(file, 'quick_check').ok) return file;
    } catch {
      // Not readable at all: not a backup to restore.
    }
  }
  return null;
}

/** The newest complete backup in `dir`, or null. Names carry their dates, so no clock on the folder is trusted. */
export function latestBackup(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const newest = backupsByDate(dir, ANY_BACKUP).at(-1);
  return newest ? path.join(dir, newest) : null;
}
