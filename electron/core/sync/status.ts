// What passes leave behind for the status line (offline since, the last error, failed passes in a row, last synced)
// and the status read from it.

import { type DeskErrorData, toErrorData } from '../domain/index.ts';
import type { ReadableDB, WritableDB } from '../db/connection.ts';
import { isShareWide } from './errors.ts';
import { countOpenConflicts, countOutbox, deleteState, getState, outboxItems, setState } from '../db/sync.ts';
import type { SyncState, SyncStatus } from './types.ts';

export const failedPasses = (db: ReadableDB) => Number(getState(db, 'failed-passes') ?? 0);

/** Notes a failed pass (or a claim that could not reach the share); returns the error as data. */
export function noteFailure(db: WritableDB, error: unknown, now: Date): DeskErrorData {
  const data = toErrorData(error);
  db.transaction(() => {
    if (isShareWide(error) && !getState(db, 'offline-since')) setState(db, 'offline-since', now.toISOString());
    setState(db, 'last-error', JSON.stringify(data));
    setState(db, 'failed-passes', String(failedPasses(db) + 1));
  })();
  return data;
}

export function noteSynced(db: WritableDB, now: Date): void {
  db.transaction(() => {
    setState(db, 'last-synced-at', now.toISOString());
    for (const key of ['offline-since', 'last-error', 'failed-passes']) deleteState(db, key);
  })();
}

export function syncStatus(db: ReadableDB, folder: string | null, running: boolean): SyncStatus {
  const offlineSince = getState(db, 'offline-since') ?? null;
  const lastError = getState(db, 'last-error');
  const waiting = countOutbox(db);
  const conflicts = countOpenConflicts(db);
  const lastSyncedAt = getState(db, 'last-synced-at') ?? null;
  const state: SyncState =
    folder === null
      ? 'not-set-up'
      : offlineSince
        ? 'offline'
        : lastError
          ? 'error'
          : conflicts > 0
            ? 'conflicts'
            : waiting > 0
              ? 'waiting'
              : lastSyncedAt
                ? 'synced'
                : 'never-synced';
  return {
    folder,
    state,
    waiting,
    referencesPending: outboxItems(db).filter((i) => i.kind === 'claim').length,
    conflicts,
    offlineSince,
    lastSyncedAt,
    lastError: lastError ? (JSON.parse(lastError) as DeskErrorData) : null,
    running,
  };
}
