// Upkeep between saves: what would otherwise be done inside one, a few milliseconds at a time.

import type { WritableDB } from './connection.ts';
import { indexPendingDrafts, mergeSearchIndex } from './search.ts';

const UPKEEP_BUDGET_MS = 10;

/**
 * Does between saves what would otherwise be done inside one: indexes the drafts autosaved since the last search,
 * merges the search index's segments (FTS5's automerge) and copies the write-ahead log into the database (the
 * autocheckpoint, with its fsync). A few milliseconds at a time; skipped, not waited for, while another process is
 * writing.
 */
export function upkeep(db: WritableDB): void {
  const busyTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma('busy_timeout = 0');
  try {
    const deadline = performance.now() + UPKEEP_BUDGET_MS;
    // Drafts autosaved since the last search get their search entries first (usually one: the draft being written).
    indexPendingDrafts(db);
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
