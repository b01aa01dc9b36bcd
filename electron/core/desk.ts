// Opens a data folder: the database (with a backup before any migration), the daily backup, and the service.

import fs from 'node:fs';
import path from 'node:path';
import { dailyBackup, migrationBackup } from './db/backup.ts';
import { openDatabase, type WritableDB } from './db/connection.ts';
import { BACKUP_FOLDER, DATABASE_FILE } from './paths.ts';
import type { PdfEngine } from './export/pdf-engine.ts';
import { ChromiumPdfEngine } from './export/pdf.ts';
import { createService, type DeskService } from './service.ts';

export interface Desk {
  dataDir: string;
  databaseFile: string;
  db: WritableDB;
  service: DeskService;
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
  const service = createService({ db, now: options.now, pdfEngine });
  const backupDone =
    options.dailyBackup === false
      ? Promise.resolve(null)
      : dailyBackup(db, backupDir, options.now?.()).catch((error: unknown) => {
          // A failed backup must not stop the day's work; it is reported and tried again on the next start.
          process.emitWarning(`Daily backup failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
  return {
    dataDir,
    databaseFile,
    db,
    service,
    backupDone,
    async close() {
      await backupDone;
      // A PDF engine the desk started is the desk's to stop; one passed in belongs to the caller.
      if (engine && engine !== options.pdfEngine) await engine.close();
      db.close();
    },
  };
}
