// Commits that must survive a power cut. The database runs with synchronous = NORMAL, so an autosave costs no fsync
// of its own (in WAL mode a commit is then durable only once the WAL is synced at the next checkpoint: a power cut
// can roll the last commits back, never damage the file). Submit, sign, decline, return and publish are moments a
// person has been told are done: those commit with synchronous = FULL, the WAL synced before the commit returns.

import type { WritableDB } from './connection.ts';

const FULL = 2;

/**
 * Runs `work` in one IMMEDIATE transaction committed with synchronous = FULL, then restores the level it found.
 * SQLite does not let the level change inside a transaction: called inside one, `work` joins it (a savepoint) and
 * the outer transaction's commit is what counts.
 */
export function durably<T>(db: WritableDB, work: () => T): T {
  if (db.inTransaction) return db.transaction(work)();
  const previous = Number(db.pragma('synchronous', { simple: true }));
  if (previous !== FULL) db.pragma(`synchronous = ${FULL}`);
  try {
    return db.transaction(work).immediate();
  } finally {
    // A level SQLite itself reported; pragmas take no bound values.
    if (previous !== FULL) db.pragma(`synchronous = ${previous}`);
  }
}
