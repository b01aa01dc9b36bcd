// Schema 10: records, revisions, audit log, settings, and full-text search over the record's words.

import type { WritableDB } from '../connection.ts';

export default function migrateTo10(db: WritableDB): void {
  db.exec(`
    CREATE TABLE records (
      seq           INTEGER PRIMARY KEY,
      id            TEXT NOT NULL UNIQUE,
      reference     TEXT UNIQUE,
      ref_year      INTEGER,
      ref_number    INTEGER,
      status        TEXT NOT NULL,
      classification TEXT NOT NULL,
      year          INTEGER NOT NULL,
      title         TEXT NOT NULL,
      originator    TEXT NOT NULL,
      revision      INTEGER NOT NULL,
      content_hash  TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL,
      body          TEXT NOT NULL
    ) STRICT;
    -- seq breaks ties in the register's order; in the index too, so a page is read in order with no sort.
    CREATE INDEX records_by_updated ON records (updated_at DESC, seq DESC);
    CREATE INDEX records_by_status ON records (status, updated_at DESC, seq DESC);
    CREATE INDEX records_by_year ON records (year, updated_at DESC, seq DESC);
    CREATE INDEX records_by_classification ON records (classification, updated_at DESC, seq DESC);
    -- One index per order the register offers, so a page (and a search's page of matches) is read without a sort;
    -- a sort over the table would read every record's body, as a row carries it. The reference order keeps records
    -- without one last in both directions, which one index cannot serve both ways round.
    CREATE INDEX records_by_created ON records (created_at DESC, seq DESC);
    CREATE INDEX records_by_title ON records (title COLLATE NOCASE DESC, seq DESC);
    CREATE INDEX records_by_reference ON records (ref_year IS NULL, ref_year DESC, ref_number DESC, reference DESC, seq DESC);
    CREATE INDEX records_by_reference_asc ON records (ref_year IS NULL, ref_year, ref_number, reference, seq);

    -- Every explicit save, and autosaves coalesced to one per few minutes of editing: body is the whole record.
    CREATE TABLE revisions (
      record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      revision  INTEGER NOT NULL,
      kind      TEXT NOT NULL,
      saved_at  TEXT NOT NULL,
      first_saved_at TEXT NOT NULL,
      body      TEXT NOT NULL,
      PRIMARY KEY (record_id, revision)
    ) STRICT;

    -- Who did what, when, on which device, and the content hash at that moment. Never record text.
    CREATE TABLE audit (
      seq          INTEGER PRIMARY KEY,
      record_id    TEXT,
      at           TEXT NOT NULL,
      actor        TEXT NOT NULL,
      device       TEXT NOT NULL,
      action       TEXT NOT NULL,
      revision     INTEGER,
      content_hash TEXT,
      detail       TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX audit_by_record ON audit (record_id, seq);

    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Contentless: the words live in records.body; the index keeps only what search needs.
    CREATE VIRTUAL TABLE records_fts USING fts5 (
      reference, title, originator, executive_summary, recommendation, decision,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
      INSERT INTO records_fts (rowid, reference, title, originator, executive_summary, recommendation, decision)
      VALUES (new.seq, new.reference, new.title, new.originator, json_extract(new.body, '$.executiveSummary'),
              json_extract(new.body, '$.recommendation'), json_extract(new.body, '$.decision'));
    END;
    CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
      DELETE FROM records_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER records_fts_update AFTER UPDATE OF reference, title, originator, body ON records BEGIN
      DELETE FROM records_fts WHERE rowid = old.seq;
      INSERT INTO records_fts (rowid, reference, title, originator, executive_summary, recommendation, decision)
      VALUES (new.seq, new.reference, new.title, new.originator, json_extract(new.body, '$.executiveSummary'),
              json_extract(new.body, '$.recommendation'), json_extract(new.body, '$.decision'));
    END;
  `);
}
