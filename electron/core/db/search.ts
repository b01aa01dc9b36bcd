// Full-text search over reference, title, originator and the three text sections (FTS5, prefix-indexed).

import type { ReadableDB } from './connection.ts';
import type { Page, SearchHit } from '../domain/index.ts';
import { filterSql, orderSql, type RecordFilter, type RecordSort, SUMMARY_COLUMNS, toSummary } from './records.ts';
import { prepared } from './statements.ts';

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

export function searchRecords(
  db: ReadableDB,
  query: RecordFilter & { text: string; sort: RecordSort | 'relevance'; direction: 'asc' | 'desc'; limit: number; offset: number },
): Page<SearchHit> {
  const fts = toFtsQuery(query.text);
  if (!fts) return { items: [], total: 0 };
  const { where, values } = filterSql(query);
  const filter = where.length ? `AND ${where.join(' AND ')}` : '';
  // Relevance ranks every match; for a common word over 50,000 records that is the slow part, so the register's
  // own orders (newest first by default) read the matches through the records indexes instead.
  const order = query.sort === 'relevance' ? 'f.rank' : orderSql(query.sort, query.direction);
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM records_fts f JOIN records r ON r.seq = f.rowid
     WHERE records_fts MATCH ? ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(fts.query, ...values, query.limit, query.offset) as Parameters<typeof toSummary>[0][];
  const total = (
    prepared(
      db,
      `SELECT count(*) AS n FROM records_fts f JOIN records r ON r.seq = f.rowid WHERE records_fts MATCH ? ${filter}`,
    ).get(fts.query, ...values) as { n: number }
  ).n;
  return { items: rows.map((row) => ({ ...toSummary(row), terms: fts.terms })), total };
}
