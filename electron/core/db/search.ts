// Full-text search over reference, title, originator, the three text sections and the template's extra sections (FTS5, prefix-indexed).

import type { ReadableDB, WritableDB } from './connection.ts';
import { SEARCH_COUNT_CAP, type SearchPage } from '../domain/index.ts';
import { filterSql, orderSql, type RecordFilter, type RecordSort, SUMMARY_COLUMNS, toSummary } from './records.ts';
import { prepared } from './statements.ts';
import { SEARCH_INDEX_COLUMNS, searchIndexValues } from './migrations/0100-search-pending.ts';

export const MAX_SEARCH_TERMS = 12;

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: each word is quoted (so AND, OR,
 * NEAR, quotes and brackets are just words), all words must match, and the last word matches as a prefix while
 * it is being typed. Returns null when there is nothing to search for.
 */
export function toFtsQuery(text: string): { query: string; terms: string[] } | null {
  // Combining marks stay in the word: the tokenizer splits "हिन्दी" at its vowel signs, and a quoted word is a phrase,
  // so its pieces must match side by side rather than anywhere in the record.
  const terms = (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_TERMS);
  if (terms.length === 0) return null;
  const typingLastWord = !/\s$/.test(text);
  const parts = terms.map((term, i) => {
    const quoted = `"${term}"`;
    // Prefix queries shorter than two characters would expand to most of the vocabulary.
    return i === terms.length - 1 && typingLastWord && term.length >= 2 ? `${quoted}*` : quoted;
  });
  return { query: parts.join(' '), terms };
}

const MATCHES = 'SELECT rowid FROM records_fts WHERE records_fts MATCH ?';

/**
 * Counts the matches as far as SEARCH_COUNT_CAP + 1: enough to say "1,000+", never all 45,000 of a common word.
 * With no filter the full-text index alone counts (the triggers give every record exactly one row in it), less the
 * bin's matches (the bin is small: its partial index is walked and each binned draft checked against the query). A
 * filter is checked through its own index (status, year, classification, each ending in binned_at) without reading
 * the records.
 */
function countMatches(db: ReadableDB, fts: string, narrowed: boolean, filter: string, values: unknown[]): number {
  const enough = SEARCH_COUNT_CAP + 1;
  if (narrowed) {
    return (
      prepared(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM records r WHERE r.seq IN (${MATCHES}) ${filter} LIMIT ?)`,
      ).get(fts, ...values, enough) as {
        n: number;
      }
    ).n;
  }
  const binned = (
    prepared(
      db,
      `SELECT count(*) AS n FROM records r INDEXED BY records_in_bin WHERE r.binned_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM records_fts WHERE records_fts MATCH ? AND rowid = r.seq)`,
    ).get(fts) as { n: number }
  ).n;
  const indexed = (
    prepared(db, `SELECT count(*) AS n FROM (${MATCHES} LIMIT ?)`).get(fts, enough + binned) as { n: number }
  ).n;
  return indexed - binned;
}

/**
 * Brings the search entries of drafts saved since the index was last read up to date (schema 100: an autosave only
 * notes its draft in search_pending). Returns how many were indexed. Cheap when there are none, as there usually are.
 */
export function indexPendingDrafts(db: WritableDB): number {
  if (!prepared(db, 'SELECT 1 FROM search_pending LIMIT 1').get()) return 0;
  return db
    .transaction(() => {
      prepared(db, 'DELETE FROM records_fts WHERE rowid IN (SELECT seq FROM search_pending)').run();
      const indexed = prepared(
        db,
        `INSERT INTO records_fts (${SEARCH_INDEX_COLUMNS})
       SELECT ${searchIndexValues('r')} FROM records r WHERE r.seq IN (SELECT seq FROM search_pending)`,
      ).run().changes;
      prepared(db, 'DELETE FROM search_pending').run();
      return indexed;
    })
    .immediate();
}

/** As indexPendingDrafts, for a search: a desk that may not write (a damaged file) searches the index as it is. */
function indexPendingForSearch(db: WritableDB): void {
  try {
    indexPendingDrafts(db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^SQLITE_(READONLY|BUSY|LOCKED)/.test(code)) throw error;
  }
}

export function searchRecords(
  db: WritableDB,
  query: RecordFilter & {
    text: string;
    sort: RecordSort | 'relevance';
    direction: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
): SearchPage {
  const fts = toFtsQuery(query.text);
  if (!fts) return { items: [], total: 0, capped: false };
  indexPendingForSearch(db);
  const { where, values } = filterSql(query);
  const filter = where.length ? `AND ${where.join(' AND ')}` : '';
  const narrowed =
    query.bin || (query.status?.length ?? 0) > 0 || query.year !== undefined || query.classification !== undefined;
  const counted = countMatches(db, fts.query, narrowed, filter, values);
  const capped = counted > SEARCH_COUNT_CAP;
  const total = Math.min(counted, SEARCH_COUNT_CAP);
  // The register shows the first SEARCH_COUNT_CAP matches in its order, and no page past them.
  const limit = Math.min(query.limit, total - query.offset);
  if (limit <= 0) return { items: [], total, capped };
  let sql: string;
  if (query.sort === 'relevance') {
    // Relevance ranks every match, which is slow for a common word; the register's own orders are the default.
    sql = `SELECT ${SUMMARY_COLUMNS} FROM records_fts f CROSS JOIN records r ON r.seq = f.rowid
           WHERE records_fts MATCH ? ${filter} ORDER BY f.rank LIMIT ? OFFSET ?`;
  } else if (!capped) {
    // Up to SEARCH_COUNT_CAP matches, reading each matching record and sorting them is cheapest.
    // CROSS JOIN keeps the matches as the outer loop: with a filter, SQLite would otherwise walk the filter's index
    // and run the full-text query once per record (seconds for a rare word in a large register).
    sql = `SELECT ${SUMMARY_COLUMNS} FROM records_fts f CROSS JOIN records r ON r.seq = f.rowid
           WHERE records_fts MATCH ? ${filter} ORDER BY ${orderSql(query.sort, query.direction)} LIMIT ? OFFSET ?`;
  } else {
    // Past it, walking the index of the register's order and keeping the matches finds a page after reading about one
    // page's worth of records, where reading every match costs a page of the table each (a row carries its whole body).
    // The unary + stops SQLite from looking each match up by seq, so it walks the index of the order instead.
    sql = `SELECT ${SUMMARY_COLUMNS} FROM records r
           WHERE +r.seq IN (${MATCHES}) ${filter} ORDER BY ${orderSql(query.sort, query.direction)} LIMIT ? OFFSET ?`;
  }
  const rows = prepared(db, sql).all(fts.query, ...values, limit, query.offset) as Parameters<typeof toSummary>[0][];
  return { items: rows.map((row) => ({ ...toSummary(row), terms: fts.terms })), total, capped };
}

/**
 * One small step (about 64 pages) of merging the search index's segments: the work FTS5's automerge would otherwise
 * do in the middle of a save, up to ~30 ms at a time on a large register. Returns false when nothing needed merging.
 */
export function mergeSearchIndex(db: WritableDB): boolean {
  const totalChanges = prepared(db, 'SELECT total_changes() AS n');
  const before = (totalChanges.get() as { n: number }).n;
  prepared(db, "INSERT INTO records_fts (records_fts, rank) VALUES ('merge', 64)").run();
  // FTS5's documented signal: a merge that did any work changes at least two rows.
  return (totalChanges.get() as { n: number }).n - before >= 2;
}
