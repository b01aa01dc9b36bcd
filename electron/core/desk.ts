// Opens a data folder: the database (with a backup before any migration), the daily backup, and the service.

import fs from 'node:fs';
import path from 'node:path';
import { backupDay, dailyBackup, migrationBackup } from './db/backup.ts';
import { type CheckVerdict, checkFile } from './db/check.ts';
import {
  CHECK_AT_OPEN_MAX_BYTES,
  DataFolderError,
  DatabaseCorruptError,
  openDatabase,
  refuseWrites,
  type WritableDB,
} from './db/connection.ts';
import { type CoreLog, stderrLog } from './log.ts';
import { upkeep } from './db/upkeep.ts';
import { BACKUP_FOLDER, DATABASE_FILE, KEYS_FOLDER } from './paths.ts';
import type { PdfEngine } from './export/pdf-engine.ts';
import { ChromiumPdfEngine } from './export/chromium-engine.ts';
import { APP_VERSION, publicationPackInput, recordBundle } from './export/handlers.ts';
import { packInputKey, planPublicationPack } from './export/pack.ts';
import { createService, type DeskService, loadSettings } from './service.ts';
import { DeskError, londonDay } from './domain/index.ts';
import { createSyncEngine, type SyncEngine } from './sync/index.ts';
import { trustExchange } from './trust/exchange.ts';
import { createTrustStore, type TrustStoreOptions } from './trust/store.ts';

export interface Desk {
  dataDir: string;
  databaseFile: string;
  db: WritableDB;
  service: DeskService;
  /** The shared-folder sync, when the desk was opened with one. */
  sync: SyncEngine | null;
  /**
   * The latest daily backup: made in the background on open, and again by the upkeep once the day has changed.
   * Resolves to its path, or null when there was nothing to do or it failed (the failure is logged).
   */
  readonly backupDone: Promise<string | null>;
  /**
   * The quick_check of a file too large to check at open, run on a worker thread (null: it could not run). A damaged
   * file is logged, no longer written to and no longer backed up. For a file checked at open, resolves at once.
   */
  checked: Promise<CheckVerdict | null>;
  close(): Promise<void>;
}

export interface DeskTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: DeskTimers = {
  setInterval(run, ms) {
    const handle = setInterval(run, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface DeskOptions {
  now?: () => Date;
  /** Where failures nobody waits for go (backups, upkeep, sync passes): the app's log; standard error by default. */
  log?: CoreLog;
  /** The upkeep timer (tests run it by hand). */
  timers?: DeskTimers;
  /** See OpenOptions.checkAtOpenMaxBytes. */
  checkAtOpenMaxBytes?: number;
  /** Read-only commands: the file is never changed (see OpenOptions.readOnly); no backups, no upkeep, no sync. */
  readOnly?: boolean;
  nativeBinding?: string;
  /** Make today's backup on open and each day while open (the app and the web bridge do; one-shot CLI commands and benches need not). */
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
  /** Keys on this device: scrypt costs (tests pass cheap ones) and the operating system's wrap (the app's safeStorage). */
  keys?: Pick<TrustStoreOptions, 'kdf' | 'wrap'>;
}

/** How often an open desk does its upkeep. */
export const UPKEEP_INTERVAL_MS = 2_000;
/** Makes the data folder if need be, and says plainly when it is not a folder or cannot be written. */
function prepareDataFolder(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new DataFolderError(
      dataDir,
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it is a file, not a folder'
        : `it cannot be created (${String(code ?? error)})`,
    );
  }
  if (!fs.statSync(dataDir).isDirectory()) throw new DataFolderError(dataDir, 'it is a file, not a folder');
  try {
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    throw new DataFolderError(dataDir, 'it cannot be written');
  }
}

export async function openDesk(dataDir: string, options: DeskOptions = {}): Promise<Desk> {
  if (options.readOnly) options = { ...options, dailyBackup: false, sync: undefined };
  else prepareDataFolder(dataDir);
  const databaseFile = path.join(dataDir, DATABASE_FILE);
  const backupDir = path.join(dataDir, BACKUP_FOLDER);
  const log = options.log ?? stderrLog();
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const { nativeBinding } = options;
  const checkAtOpenMaxBytes = options.checkAtOpenMaxBytes ?? CHECK_AT_OPEN_MAX_BYTES;
  const sizeAtOpen = fs.existsSync(databaseFile) ? fs.statSync(databaseFile).size : 0;
  const db = await openDatabase(databaseFile, {
    backupDir,
    nativeBinding,
    checkAtOpenMaxBytes,
    readOnly: options.readOnly,
    backupBeforeMigration: async (handle, from) => {
      return migrationBackup(handle, backupDir, from, now(), { nativeBinding });
    },
  });
  let engine = options.pdfEngine ?? null;
  const pdfEngine = () => (engine ??= new ChromiumPdfEngine());
  let sync: SyncEngine | null = null;
  const trust = createTrustStore({ db, keysDir: path.join(dataDir, KEYS_FOLDER), now, ...options.keys });
  const service = createService({ db, now: options.now, pdfEngine, sync: () => sync, trust });
  const syncOptions =
    options.sync === 'when-configured' ? (loadSettings(db).sharedFolder ? {} : undefined) : options.sync;
  if (syncOptions) {
    sync = createSyncEngine({
      db,
      settings: () => loadSettings(db),
      bundle: (record) => {
        const settings = loadSettings(db);
        return recordBundle(db, record, settings, pdfEngine(), trust.publisher(settings.template));
      },
      publisher: () => trust.publisher(loadSettings(db).template),
      publication: (at) => {
        const input = publicationPackInput(db, () => loadSettings(db), pdfEngine, at);
        return {
          key: packInputKey(input.records, input.template, londonDay(at)),
          plan: () => planPublicationPack(input),
        };
      },
      trust: trustExchange(trust, () => loadSettings(db).template),
      officeTemplate: () => loadSettings(db).template,
      appVersion: APP_VERSION,
      folder: syncOptions.folder,
      now: options.now,
      log,
    });
    if (syncOptions.start) sync.start();
  }

  // Damage found after open: said once, and the file is neither written to nor backed up from then on.
  let damaged = false;
  function noteDamage(error: Error): void {
    if (damaged) return;
    damaged = true;
    log.error('database.damaged', error, { file: databaseFile });
    if (db.open) refuseWrites(db);
  }

  const checked: Promise<CheckVerdict | null> =
    sizeAtOpen <= checkAtOpenMaxBytes
      ? Promise.resolve({ ok: true })
      : checkFile(databaseFile, 'quick_check', { nativeBinding }).then(
          (verdict) => {
            if (!verdict.ok)
              noteDamage(new DatabaseCorruptError(databaseFile, backupDir, `it is damaged: ${verdict.problems[0]}`));
            return verdict;
          },
          (error: unknown) => {
            log.error('database.check-failed', error, { file: databaseFile });
            return null;
          },
        );

  let backupDone: Promise<string | null> = Promise.resolve(null);
  let backupDayTried: string | null = null;
  /** Today's backup, once a day: on open, and from the upkeep when the day has changed. */
  function backUpToday(): void {
    const today = backupDay(now());
    if (options.dailyBackup === false || backupDayTried === today) return;
    backupDayTried = today;
    const previous = backupDone;
    backupDone = previous.then(async () => {
      // Waits for the check of a large file first: a damaged file makes no backup.
      await checked;
      if (damaged || !db.open) return null;
      try {
        return await dailyBackup(db, backupDir, now(), { nativeBinding });
      } catch (error) {
        // A failed backup must not stop the day's work; it is logged and tried again the next day (or start).
        if (error instanceof DeskError && error.code === 'database-corrupt') noteDamage(error);
        else log.error('backup.daily-failed', error, { folder: backupDir });
        return null;
      }
    });
  }
  backUpToday();

  const upkeepTimer = timers.setInterval(() => {
    try {
      if (db.open && !damaged && !options.readOnly) upkeep(db);
    } catch (error) {
      log.error('upkeep.failed', error);
    }
    backUpToday();
  }, UPKEEP_INTERVAL_MS);
  return {
    dataDir,
    databaseFile,
    db,
    service,
    sync,
    get backupDone() {
      return backupDone;
    },
    checked,
    async close() {
      timers.clearInterval(upkeepTimer);
      await sync?.stop();
      await backupDone;
      // A PDF engine the desk started is the desk's to stop; one passed in belongs to the caller.
      if (engine && engine !== options.pdfEngine) await engine.close();
      db.close();
    },
  };
}
