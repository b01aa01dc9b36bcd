// Schema 100: a draft's autosave no longer rewrites its search entry. Re-indexing a record's text writes a new
// segment of the search index (about 20 of the 34 pages an autosave put in the write-ahead log), and a draft is
// saved after every pause in typing. Instead the draft's row is noted in search_pending, and its entry is brought
// up to date before the next search reads the index (db/search.ts indexPendingDrafts) or in the desk's idle upkeep,
// whichever comes first: a search still finds what was typed a moment ago. Every other change (a record submitted,
// signed, imported, published) is indexed at once, as before.

import type { WritableDB } from '../connection.ts';
import { SECTIONS_TEXT_SQL } from './0090-search-sections.ts';

/** The search index's columns, and the values a records row gives them (as schema 90 made them). */
export const SEARCH_INDEX_COLUMNS =
  'rowid, reference, title, originator, executive_summary, recommendation, decision, sections';
export const searchIndexValues = (row: string) =>
  `${row}.seq, ${row}.reference, ${row}.title, ${row}.originator, json_extract(${row}.body, '$.executiveSummary'),
   json_extract(${row}.body, '$.recommendation'), json_extract(${row}.body, '$.decision'), ${SECTIONS_TEXT_SQL(`${row}.body`)}`;

export default function migrateTo100(db: WritableDB): void {
  db.exec(`
    CREATE TABLE search_pending (seq INTEGER PRIMARY KEY);

    DROP TRIGGER records_fts_update;
    DROP TRIGGER records_fts_delete;
    CREATE TRIGGER records_fts_update AFTER UPDATE OF reference, title, originator, body ON records
      WHEN new.status <> 'draft' BEGIN
      DELETE FROM search_pending WHERE seq = old.seq;
      DELETE FROM records_fts WHERE rowid = old.seq;
      INSERT INTO records_fts (${SEARCH_INDEX_COLUMNS}) VALUES (${searchIndexValues('new')});
    END;
    CREATE TRIGGER records_fts_draft_pending AFTER UPDATE OF reference, title, originator, body ON records
      WHEN new.status = 'draft' BEGIN
      INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq);
    END;
    CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
      DELETE FROM search_pending WHERE seq = old.seq;
      DELETE FROM records_fts WHERE rowid = old.seq;
    END;
  `);
}
