// Schema 20: the sync outbox, the conflicts found on the shared folder, and what sync has already verified there.

import type { WritableDB } from '../connection.ts';

export default function migrateTo20(db: WritableDB): void {
  db.exec(`
    -- Work for the shared folder: claim a reference, hand a record over for signing, publish a decided record.
    -- One row per kind and record: queuing again while a row waits only makes it due now.
    CREATE TABLE outbox (
      seq        INTEGER PRIMARY KEY,
      kind       TEXT NOT NULL CHECK (kind IN ('claim', 'handover', 'publish')),
      record_id  TEXT NOT NULL,
      payload    TEXT NOT NULL DEFAULT '{}',
      queued_at  TEXT NOT NULL,
      generation INTEGER NOT NULL DEFAULT 0,
      attempts   INTEGER NOT NULL DEFAULT 0,
      not_before TEXT,
      last_error TEXT,
      UNIQUE (kind, record_id)
    ) STRICT;

    -- What a person must decide: both versions are kept in detail, nothing is resolved silently.
    CREATE TABLE sync_conflicts (
      id          INTEGER PRIMARY KEY,
      key         TEXT NOT NULL UNIQUE,
      kind        TEXT NOT NULL,
      record_id   TEXT,
      reference   TEXT,
      path        TEXT,
      message     TEXT NOT NULL,
      detail      TEXT NOT NULL DEFAULT '{}',
      found_at    TEXT NOT NULL,
      resolved_at TEXT,
      resolution  TEXT
    ) STRICT;
    CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, id);

    -- Small facts by key: this device's id, when the share was last reached, and every share path already
    -- read and verified ("seen:<path>"), so a pass with nothing to do reads no file twice.
    CREATE TABLE sync_state (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
