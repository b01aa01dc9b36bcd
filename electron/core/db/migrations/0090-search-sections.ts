// Schema 90: search reads the template's extra sections too. The index gains a `sections` column holding the words of
// a record's extra sections (rich text, a yes/no question's explanation, the names in a people section; a date has
// none), and is rebuilt for the records already held. Internal sections are indexed as well: the index stays on this
// device, and search is the office's own tool; nothing public is made from it.

import type { WritableDB } from '../connection.ts';

/** The words of the extra sections of the record whose body is `body`, one section a line (NULL when it has none). */
export const SECTIONS_TEXT_SQL = (body: string) => `(
  SELECT group_concat(coalesce(
    json_extract(s.value, '$.text'),
    json_extract(s.value, '$.explanation'),
    (SELECT group_concat(p.value, char(10)) FROM json_each(s.value, '$.people') p)
  ), char(10))
  FROM json_each(${body}, '$.sections') s
)`;

const INDEXED = 'rowid, reference, title, originator, executive_summary, recommendation, decision, sections';
const VALUES = (row: string) =>
  `${row}.seq, ${row}.reference, ${row}.title, ${row}.originator, json_extract(${row}.body, '$.executiveSummary'),
   json_extract(${row}.body, '$.recommendation'), json_extract(${row}.body, '$.decision'), ${SECTIONS_TEXT_SQL(`${row}.body`)}`;

export default function migrateTo90(db: WritableDB): void {
  db.exec(`
    DROP TRIGGER records_fts_insert;
    DROP TRIGGER records_fts_delete;
    DROP TRIGGER records_fts_update;
    DROP TABLE records_fts;

    -- As schema 10 made it, with the sections column last.
    CREATE VIRTUAL TABLE records_fts USING fts5 (
      reference, title, originator, executive_summary, recommendation, decision, sections,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
      INSERT INTO records_fts (${INDEXED}) VALUES (${VALUES('new')});
    END;
    CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
      DELETE FROM records_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER records_fts_update AFTER UPDATE OF reference, title, originator, body ON records BEGIN
      DELETE FROM records_fts WHERE rowid = old.seq;
      INSERT INTO records_fts (${INDEXED}) VALUES (${VALUES('new')});
    END;

    INSERT INTO records_fts (${INDEXED}) SELECT ${VALUES('r')} FROM records r ORDER BY r.seq;
    -- One segment for the whole register, as a long-used index would be after its merges.
    INSERT INTO records_fts (records_fts) VALUES ('optimize');
  `);
}
