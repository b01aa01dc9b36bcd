// Opens a data folder: the database (with a backup before any migration), the daily backup, and the service.

import fs from 'node:fs';
import path from 'node:path';
import { dailyBackup, migrationBackup } from './db/backup.ts';
import { openDatabase, type WritableDB } from './db/connection.ts';
import { mergeSearchIndex } from './db/search.ts';
import { BACKUP_FOLDER, DATABASE_FILE } from './paths.ts';
import type { PdfEngine } from './export/pdf-engine.ts';
import { ChromiumPdfEngine } from './export/chromium-engine.ts';
import { APP_VERSION, recordBundle } from './export/handlers.ts';
import { createService, type DeskService, loadSettings } from './service.ts';
import { createSyncEngine, type SyncEngine } from './sync/index.ts';

export interface Desk {
  dataDir: string;
  databaseFile: string;
  db: WritableDB;
  service: DeskService;
  /** The shared-folder sync, when the desk was opened with one. */
  sync: SyncEngine | null;
  /** Resolves when today's backup exists (made in the background on open). */
  backupDone: Promise<string | null>;
  close(): Promise<void>;
}

export interface DeskOptions {
  now?: () => Date;
  nativeBinding?: string;
  /** Make today's backup on open (the app and the web bridge do; one-shot CLI commands and benches need not). */
  dailyBackup?: boolean;
  /** The PDF engine to use (the app passes Electron's); by default the system Chromium, started on first use. */
  pdfEngine?: PdfEngine;
  /**
   * Sync with the shared folder: references claimed on the share, records handed over and published. `start` runs
   * passes on a timer and when the folder changes (the app, browser mode); without it, passes run on demand (CLI).
   * `folder` overrides Settings. Until Settings name a shared folder there is none: sync reports "not set up" and
   * the work waits in its outbox. 'when-configured': only when Settings name one (one-shot commands then number
   * references from this database alone, as a device without sync does).
   */
  sync?: { start?: boolean; folder?: string } | 'when-configured';
}

/** How often an open desk does its upkeep. */
export const UPKEEP_INTERVAL_MS = 2_000;
const UPKEEP_BUDGET_MS = 10;

/**
 * Does between saves what SQLite would otherwise do inside one: merges the search index's segments (FTS5's
 * automerge) and copies the write-ahead log into the database (the autocheckpoint, with its fsync). A few
 * milliseconds at a time; skipped, not waited for, while another process is writing.
 */
export function upkeep(db: WritableDB): void {
  const busyTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma('busy_timeout = 0');
  try {
    const deadline = performance.now() + UPKEEP_BUDGET_MS;
    let merging = true;
    while (merging && performance.now() < deadline) merging = mergeSearchIndex(db);
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
  } finally {
    // A number SQLite itself reported; pragmas take no bound values.
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

export async function openDesk(dataDir: string, options: DeskOptions = {}): Promise<Desk> {
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseFile = path.join(dataDir, DATABASE_FILE);
  const backupDir = path.join(dataDir, BACKUP_FOLDER);
  const db = await openDatabase(databaseFile, {
    backupDir,
    nativeBinding: options.nativeBinding,
    backupBeforeMigration: async (handle, from) => {
      await migrationBackup(handle, backupDir, from, options.now?.());
    },
  });
  let engine = options.pdfEngine ?? null;
  const pdfEngine = () => (engine ??= new ChromiumPdfEngine());
  let sync: SyncEngine | null = null;
  const service = createService({ db, now: options.now, pdfEngine, sync: () => sync });
  const syncOptions = options.sync === 'when-configured' ? (loadSettings(db).sharedFolder ? {} : undefined) : options.sync;
  if (syncOptions) {
    sync = createSyncEngine({
      db,
      settings: () => loadSettings(db),
      bundle: (record) => recordBundle(db, record, loadSettings(db), pdfEngine()),
      appVersion: APP_VERSION,
      folder: syncOptions.folder,
      now: options.now,
    });
    if (syncOptions.start) sync.start();
  }
  const backupDone =
    options.dailyBackup === false
      ? Promise.resolve(null)
      : dailyBackup(db, backupDir, options.now?.()).catch((error: unknown) => {
          // A failed backup must not stop the day's work; it is reported and tried again on the next start.
          process.emitWarning(`Daily backup failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
  const upkeepTimer = setInterval(() => {
    try {
      if (db.open) upkeep(db);
    } catch (error) {
      process.emitWarning(`Database upkeep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, UPKEEP_INTERVAL_MS);
  upkeepTimer.unref();
  return {
    dataDir,
    databaseFile,
    db,
    service,
    sync,
    backupDone,
    async close() {
      clearInterval(upkeepTimer);
      await sync?.stop();
      await backupDone;
      // A PDF engine the desk started is the desk's to stop; one passed in belongs to the caller.
      if (engine && engine !== options.pdfEngine) await engine.close();
      db.close();
    },
  };
}
