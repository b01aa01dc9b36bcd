// Backups with SQLite's online backup API: one a day (the last 7 kept) and one before every migration.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkHandle } from './check.ts';
import type { ReadableDB } from './connection.ts';

const DAILY = /^daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;
const PRE_MIGRATION = /^pre-migration-v\d+-\d{8}T\d{6}Z\.sqlite$/;
const ANY_BACKUP = new RegExp(`${DAILY.source}|${PRE_MIGRATION.source}`);
export const DAILY_BACKUPS_KEPT = 7;
export const MIGRATION_BACKUPS_KEPT = 3;

const isoDay = (now: Date) => now.toISOString().slice(0, 10);
const compactStamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Copies the live database (WAL included) to `file` through a temporary name, so a half-written backup never shows. */
async function backupTo(db: ReadableDB, file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  fs.renameSync(partial, file);
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
export async function dailyBackup(db: ReadableDB, dir: string, now = new Date()): Promise<string | null> {
  const file = path.join(dir, `daily-${isoDay(now)}.sqlite`);
  if (fs.existsSync(file)) return null;
  await backupTo(db, file);
  prune(dir, DAILY, DAILY_BACKUPS_KEPT);
  return file;
}

export async function migrationBackup(db: ReadableDB, dir: string, fromVersion: number, now = new Date()) {
  const file = await backupTo(db, path.join(dir, `pre-migration-v${fromVersion}-${compactStamp(now)}.sqlite`));
  prune(dir, PRE_MIGRATION, MIGRATION_BACKUPS_KEPT);
  return file;
}

/** The newest backup in `dir` that passes quick_check, or null: the one to name when the database is damaged. */
export function latestGoodBackup(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  for (const name of backupsByDate(dir, ANY_BACKUP).reverse()) {
    const file = path.join(dir, name);
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        if (checkHandle(db, 'quick_check').ok) return file;
      } finally {
        db.close();
      }
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
