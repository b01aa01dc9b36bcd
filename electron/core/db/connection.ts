// Opens the local SQLite database: WAL, foreign keys, migrations, and clear errors for files that are not ours.

import fs from 'node:fs';
import path from 'node:path';
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
  /** Makes a backup before any migration step runs on an existing database; returns its path, named if a step fails. */
  backupBeforeMigration?: (db: WritableDB, fromVersion: number) => Promise<string | void>;
  /** Folder to name in the message when the file turns out to be damaged. */
  backupDir?: string;
  /** better-sqlite3's nativeBinding: the Electron build of the addon, when running inside Electron. */
  nativeBinding?: string;
  /**
   * An existing file up to this size is checked with PRAGMA quick_check before it is used (a damaged one is refused);
   * a larger one opens at once and the desk checks it on a worker thread (see checkFile). Default CHECK_AT_OPEN_MAX_BYTES.
   */
  checkAtOpenMaxBytes?: number;
  /**
   * Opens an existing file read-only and never changes it (read-only CLI commands). A file that needs migrating is
   * migrated in a copy in memory, which is read instead. Either way every write is refused (query_only).
   */
  readOnly?: boolean;
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
    // SQLite's own words can run long; the file and the backup to restore must always fit in the bounded message.
    const shortCause = cause.length > 160 ? `${cause.slice(0, 159)}…` : cause;
    super(
      'database-corrupt',
      `The database ${file} cannot be read (${shortCause}). It has not been changed. ` +
        (backup
          ? `The newest backup is ${backup}: close the app, move the damaged file aside and copy the backup in its place.`
          : 'No backup was found; move the damaged file aside to start a new database.'),
    );
  }
}

/** A schema migration that failed: rolled back whole, so the file is as it was; names the backup made before it. */
export class MigrationFailedError extends DeskError {
  override name = 'MigrationFailedError';
  constructor(file: string, fromVersion: number, backup: string | null, cause: string) {
    super(
      'unavailable',
      `The update of the database ${file} to this version of Decision Desk failed (schema ${fromVersion} to ` +
        `${SCHEMA_VERSION}: ${cause}). Nothing in it was changed. ` +
        (backup ? `A backup was made before the update: ${backup}. ` : '') +
        'Keep using the previous version of Decision Desk, and report this message.',
    );
  }
}

/** The data folder cannot hold the database: it is not a folder, or cannot be written. */
export class DataFolderError extends DeskError {
  override name = 'DataFolderError';
  constructor(dir: string, cause: string) {
    super(
      'unavailable',
      `The folder ${dir} cannot be used as the data folder: ${cause}. Choose another with --data-dir or DECISION_DESK_DATA, or fix its permissions.`,
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
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  try {
    db = new Database(file, options.readOnly ? { ...binding, readonly: true, fileMustExist: true } : binding);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A file that is not there and cannot be made: the folder is the problem, not a damaged database.
    if (!existed && code === 'SQLITE_CANTOPEN')
      throw new DataFolderError(path.dirname(file), 'the database file cannot be created in it (it cannot be written)');
    if (isCorruption(error)) throw new DatabaseCorruptError(file, options.backupDir, error.message);
    throw error;
  }
  try {
    // Reading the schema version is the first read of the file: a file that is not a database fails here.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new DatabaseFromFutureError(file, version);
    if (version === 0 && existed) {
      // Schema 0 with tables of its own is another program's database: refuse it rather than add ours beside them.
      const foreign = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as {
        n: number;
      };
      if (foreign.n > 0) throw new DatabaseCorruptError(file, options.backupDir, 'it is not a Decision Desk database');
    }
    if (existed && size <= (options.checkAtOpenMaxBytes ?? CHECK_AT_OPEN_MAX_BYTES)) {
      const verdict = checkHandle(db, 'quick_check');
      if (!verdict.ok) throw new DatabaseCorruptError(file, options.backupDir, `it is damaged: ${verdict.problems[0]}`);
    }
    if (options.readOnly) return readOnlyView(db, version);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const writable = db as WritableDB;
    let backup: string | null = null;
    if (existed && pendingMigrations(version).length > 0 && options.backupBeforeMigration) {
      backup = (await options.backupBeforeMigration(writable, version)) ?? null;
    }
    try {
      migrate(writable);
    } catch (error) {
      if (isCorruption(error)) throw error;
      // migrate() runs every step in one transaction: the failure rolled all of them back.
      throw new MigrationFailedError(file, version, backup, error instanceof Error ? error.message : String(error));
    }
    return writable;
  } catch (error) {
    db.close();
    if (isCorruption(error)) throw new DatabaseCorruptError(file, options.backupDir, error.message);
    throw error;
  }
}

/** The file as it is, or, when it needs migrating, a migrated copy of it in memory; neither can be written. */
function readOnlyView(db: Database.Database, version: number): WritableDB {
  let view = db;
  if (pendingMigrations(version).length > 0) {
    view = new Database(db.serialize());
    db.close();
    migrate(view as WritableDB);
  }
  view.pragma('foreign_keys = ON');
  view.pragma('query_only = ON');
  // Typed as writable for the service it is handed to; query_only refuses any write with SQLITE_READONLY.
  return view as WritableDB;
}

/** For tests and tools: a private in-memory database with the full schema. */
export function openMemoryDatabase(): WritableDB {
  const db = new Database(':memory:') as WritableDB;
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** From now on this connection only reads: a file found damaged is neither written to nor made worse. */
export function refuseWrites(db: WritableDB): void {
  db.pragma('query_only = ON');
}
