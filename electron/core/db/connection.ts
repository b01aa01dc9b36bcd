// Opens the local SQLite database: WAL, foreign keys, migrations, and clear errors for files that are not ours.

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { DeskError } from '../domain/index.ts';
import { latestGoodBackup } from './backup.ts';
import { checkHandle } from './check.ts';
import { migrate, pendingMigrations, SCHEMA_VERSION } from './migrations/index.ts';

/** A handle that may only read. Repository functions say in their signature which one they need. */
export type ReadableDB = Database.Database & { readonly __readable: unique symbol };
/** A handle that may write; every writable handle can also read. */
export type WritableDB = ReadableDB & { readonly __writable: unique symbol };

export interface OpenOptions {
  /** Called with the path of a fresh backup before any migration step runs on an existing database. */
  backupBeforeMigration?: (db: WritableDB, fromVersion: number) => Promise<void>;
  /** Folder to name in the message when the file turns out to be damaged. */
  backupDir?: string;
  /** better-sqlite3's nativeBinding: the Electron build of the addon, when running inside Electron. */
  nativeBinding?: string;
  /**
   * An existing file up to this size is checked with PRAGMA quick_check before it is used (a damaged one is refused);
   * a larger one opens at once and the desk checks it on a worker thread (see checkFile). Default CHECK_AT_OPEN_MAX_BYTES.
   */
  checkAtOpenMaxBytes?: number;
}

/**
 * quick_check reads every page: about 2 s for 50,000 records (680 MB) on a busy two-core machine, against an open
 * budget of 300 ms. Up to 16 MiB (some 1,200 records with their revisions) it costs under about 60 ms.
 */
export const CHECK_AT_OPEN_MAX_BYTES = 16 * 1024 * 1024;

/** Raised for a file that is not a database, or a damaged one: names the file and the newest backup. */
export class DatabaseCorruptError extends DeskError {
  override name = 'DatabaseCorruptError';
  constructor(file: string, backupDir: string | undefined, cause: string) {
    const backup = backupDir ? latestGoodBackup(backupDir) : null;
    super(
      'database-corrupt',
      `The database ${file} cannot be read (${cause}). It has not been changed. ` +
        (backup
          ? `The newest backup is ${backup}: close the app, move the damaged file aside and copy the backup in its place.`
          : 'No backup was found; move the damaged file aside to start a new database.'),
    );
  }
}

export class DatabaseFromFutureError extends DeskError {
  override name = 'DatabaseFromFutureError';
  constructor(file: string, version: number) {
    super(
      'database-from-future',
      `The database ${file} was written by a newer version of Decision Desk (schema ${version}; this version knows ` +
        `up to ${SCHEMA_VERSION}). Install the newer version; the file has not been changed.`,
    );
  }
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CANTOPEN']);

function isCorruption(error: unknown): error is Error & { code: string } {
  return error instanceof Error && CORRUPT_CODES.has((error as { code?: string }).code ?? '');
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<WritableDB> {
  const size = fs.existsSync(file) ? fs.statSync(file).size : null;
  const existed = size !== null;
  // A file that is not there is a new database; one that is there with nothing in it is a damaged one.
  if (size === 0) throw new DatabaseCorruptError(file, options.backupDir, 'the file is empty (0 bytes)');
  let db: Database.Database;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    if (isCorruption(error)) throw new DatabaseCorruptError(file, options.backupDir, error.message);
    throw error;
  }
  try {
    // Reading the schema version is the first read of the file: a file that is not a database fails here.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new DatabaseFromFutureError(file, version);
    if (version === 0 && existed) {
      // Schema 0 with tables of its own is another program's database: refuse it rather than add ours beside them.
      const foreign = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
      if (foreign.n > 0) throw new DatabaseCorruptError(file, options.backupDir, 'it is not a Decision Desk database');
    }
    if (existed && size <= (options.checkAtOpenMaxBytes ?? CHECK_AT_OPEN_MAX_BYTES)) {
      const verdict = checkHandle(db, 'quick_check');
      if (!verdict.ok) throw new DatabaseCorruptError(file, options.backupDir, `it is damaged: ${verdict.problems[0]}`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const writable = db as WritableDB;
    if (existed && pendingMigrations(version).length > 0 && options.backupBeforeMigration) {
      await options.backupBeforeMigration(writable, version);
    }
    migrate(writable);
    return writable;
  } catch (error) {
    db.close();
    if (isCorruption(error)) throw new DatabaseCorruptError(file, options.backupDir, error.message);
    throw error;
  }
}

/** For tests and tools: a private in-memory database with the full schema. */
export function openMemoryDatabase(): WritableDB {
  const db = new Database(':memory:') as WritableDB;
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
