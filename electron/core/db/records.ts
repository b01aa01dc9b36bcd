// The records table: one row per record, with the whole record.json as `body` and the columns lists need.

import {
  type Classification,
  type DecisionRecord,
  DecisionRecordSchema,
  type LateCandidate,
  type Numbering,
  type Page,
  parseNumbered,
  type RecordStatus,
  recordYear,
  type RecordSummary,
  type ReferenceParts,
} from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

interface RecordRow {
  seq: number;
  id: string;
  reference: string | null;
  ref_year: number | null;
  ref_number: number | null;
  status: string;
  classification: string;
  year: number;
  title: string;
  originator: string;
  revision: number;
  content_hash: string;
  created_at: string;
  updated_at: string;
  body: string;
  binned_at: string | null;
}

export const SUMMARY_COLUMNS =
  'r.id, r.reference, r.title, r.originator, r.status, r.classification, r.year, r.revision, r.created_at, r.updated_at, r.binned_at';

export function toSummary(
  row: Omit<RecordRow, 'seq' | 'body' | 'content_hash' | 'ref_year' | 'ref_number'>,
): RecordSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    originator: row.originator,
    status: row.status as RecordStatus,
    classification: row.classification as Classification,
    year: row.year,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.binned_at ? { binnedAt: row.binned_at } : {}),
  };
}

function params(record: DecisionRecord, parts: ReferenceParts | null) {
  return {
    id: record.id,
    reference: record.reference,
    ref_year: parts?.year ?? null,
    ref_number: parts?.number ?? null,
    status: record.status,
    classification: record.classification,
    year: recordYear(record, parts?.year ?? null),
    title: record.title,
    originator: record.originator,
    revision: record.revision,
    content_hash: record.contentHash,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    body: JSON.stringify(record),
  };
}

export function insertRecord(db: WritableDB, record: DecisionRecord, parts: ReferenceParts | null): void {
  prepared(
    db,
    `INSERT INTO records (id, reference, ref_year, ref_number, status, classification, year, title, originator,
       revision, content_hash, created_at, updated_at, body)
     VALUES (@id, @reference, @ref_year, @ref_number, @status, @classification, @year, @title, @originator,
       @revision, @content_hash, @created_at, @updated_at, @body)`,
  ).run(params(record, parts));
}

/** Replaces the stored record; the caller has already checked the revision it expected inside the same transaction. */
export function updateRecord(db: WritableDB, record: DecisionRecord, parts: ReferenceParts | null): void {
  const result = prepared(
    db,
    `UPDATE records SET reference = @reference, ref_year = @ref_year, ref_number = @ref_number, status = @status,
       classification = @classification, year = @year, title = @title, originator = @originator,
       revision = @revision, content_hash = @content_hash, created_at = @created_at, updated_at = @updated_at,
       body = @body
     WHERE id = @id`,
  ).run(params(record, parts));
  if (result.changes !== 1) throw new Error(`record ${record.id} vanished during an update`);
}

function parseBody(body: string): DecisionRecord {
  // The body was validated on the way in; parsing again here would cost more than the read it serves.
  return JSON.parse(body) as DecisionRecord;
}

export function getRecord(db: ReadableDB, id: string): DecisionRecord | undefined {
  const row = prepared(db, 'SELECT body FROM records WHERE id = ?').get(id) as { body: string } | undefined;
  return row ? parseBody(row.body) : undefined;
}

export function getRecordByReference(db: ReadableDB, reference: string): DecisionRecord | undefined {
  const row = prepared(db, 'SELECT body FROM records WHERE reference = ?').get(reference) as
    { body: string } | undefined;
  return row ? parseBody(row.body) : undefined;
}

export function getRevisionNumber(db: ReadableDB, id: string): number | undefined {
  const row = prepared(db, 'SELECT revision FROM records WHERE id = ?').get(id) as { revision: number } | undefined;
  return row?.revision;
}

export function referenceOwner(db: ReadableDB, reference: string): string | undefined {
  const row = prepared(db, 'SELECT id FROM records WHERE reference = ?').get(reference) as { id: string } | undefined;
  return row?.id;
}

/**
 * The highest number this database has issued or imported in a series and period ("2026", "fy2026", "all"), read from
 * the references themselves under the office's numbering; 0 for none.
 */
export function highestNumber(
  db: ReadableDB,
  numbering: Pick<Numbering, 'series'>,
  series: string,
  period: string,
): number {
  const rows = prepared(db, 'SELECT reference FROM records WHERE reference IS NOT NULL').all() as {
    reference: string;
  }[];
  let highest = 0;
  for (const { reference } of rows) {
    const parsed = parseNumbered(numbering, reference);
    if (parsed && parsed.series === series && parsed.period === period) highest = Math.max(highest, parsed.number);
  }
  return highest;
}

/**
 * The decided records, each as much as the late notice reads: the columns, the deciding role, the stated decision and
 * deferral dates, and when each officer signed. SQLite picks these out of the bodies, so the signatures' images and
 * strokes are never handed to JavaScript (on 50,000 records, a quarter of the time of parsing every decided body).
 */
export function lateCandidates(db: ReadableDB): LateCandidate[] {
  const rows = prepared(
    db,
    `SELECT id, reference, title, classification, status,
       body ->> '$.decisionMaker' AS decisionMaker,
       body ->> '$.publication.decisionDate' AS decisionDate,
       body ->> '$.publication.deferUntil' AS deferUntil,
       (SELECT json_group_array(json_array(s.value ->> '$.role', s.value ->> '$.signature.signedAt'))
          FROM json_each(body, '$.signOffs') AS s) AS signOffs
     FROM records WHERE status = 'decided'`,
  ).all() as {
    id: string;
    reference: string | null;
    title: string;
    classification: Classification;
    status: RecordStatus;
    decisionMaker: string | null;
    decisionDate: string | null;
    deferUntil: string | null;
    signOffs: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    title: row.title,
    classification: row.classification,
    status: row.status,
    ...(row.decisionMaker === null ? {} : { decisionMaker: row.decisionMaker }),
    publication: {
      ...(row.decisionDate === null ? {} : { decisionDate: row.decisionDate }),
      ...(row.deferUntil === null ? {} : { deferUntil: row.deferUntil }),
    },
    signOffs: (JSON.parse(row.signOffs) as [string, string | null][]).map(([role, signedAt]) => ({
      role,
      signature: signedAt === null ? null : { signedAt },
    })),
  }));
}

/** Every record that has a reference (submitted or later), in reference order: the office's register. */
export function registerRecords(db: ReadableDB): DecisionRecord[] {
  const rows = prepared(
    db,
    'SELECT body FROM records WHERE reference IS NOT NULL ORDER BY ref_year, ref_number, reference',
  ).all() as { body: string }[];
  return rows.map((row) => parseBody(row.body));
}

/** The decided and published records that name `reference` in publication.supersedes (only those are read and parsed). */
export function recordsSuperseding(db: ReadableDB, reference: string): DecisionRecord[] {
  const rows = prepared(
    db,
    "SELECT body FROM records WHERE status IN ('decided', 'published') AND EXISTS (SELECT 1 FROM json_each(body, '$.publication.supersedes') WHERE value = ?)",
  ).all(reference) as { body: string }[];
  return rows.map((row) => parseBody(row.body));
}

/** The decided and published records with a reference that have been withdrawn. */
export function withdrawnRecords(db: ReadableDB): DecisionRecord[] {
  const rows = prepared(
    db,
    "SELECT body FROM records WHERE status IN ('decided', 'published') AND reference IS NOT NULL AND json_extract(body, '$.withdrawal') IS NOT NULL",
  ).all() as { body: string }[];
  return rows.map((row) => parseBody(row.body));
}

/** Re-validates a stored body: for tools that read records written by other versions (verify, sync). */
export function parseStoredRecord(body: string): DecisionRecord {
  return DecisionRecordSchema.parse(JSON.parse(body));
}

export type RecordSort = 'updated' | 'created' | 'reference' | 'title';
export interface RecordFilter {
  /** The bin's drafts instead of the register (which never shows them). */
  bin?: boolean;
  status?: RecordStatus[];
  year?: number;
  classification?: Classification;
}

/** WHERE clause fragments from a filter: columns and operators from this list only, values always bound. */
export function filterSql(filter: RecordFilter, alias = 'r'): { where: string[]; values: unknown[] } {
  const where: string[] = [filter.bin ? `${alias}.binned_at IS NOT NULL` : `${alias}.binned_at IS NULL`];
  const values: unknown[] = [];
  if (filter.status && filter.status.length > 0) {
    where.push(`${alias}.status IN (${filter.status.map(() => '?').join(', ')})`);
    values.push(...filter.status);
  }
  if (filter.year !== undefined) {
    where.push(`${alias}.year = ?`);
    values.push(filter.year);
  }
  if (filter.classification) {
    where.push(`${alias}.classification = ?`);
    values.push(filter.classification);
  }
  return { where, values };
}

export function orderSql(sort: RecordSort, direction: 'asc' | 'desc', alias = 'r'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'updated':
      return `${alias}.updated_at ${dir}, ${alias}.seq ${dir}`;
    case 'created':
      return `${alias}.created_at ${dir}, ${alias}.seq ${dir}`;
    case 'title':
      return `${alias}.title COLLATE NOCASE ${dir}, ${alias}.seq ${dir}`;
    case 'reference':
      // Records without a reference yet come after those with one, whichever way the list runs.
      return `${alias}.ref_year IS NULL, ${alias}.ref_year ${dir}, ${alias}.ref_number ${dir}, ${alias}.reference ${dir}, ${alias}.seq ${dir}`;
  }
}

export function listRecords(
  db: ReadableDB,
  query: RecordFilter & { sort: RecordSort; direction: 'asc' | 'desc'; limit: number; offset: number },
): Page<RecordSummary> {
  const { where, values } = filterSql(query);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // The bin lists the most recently binned first, through its own small index.
  const order = query.bin ? 'r.binned_at DESC, r.seq DESC' : orderSql(query.sort, query.direction);
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM records r ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(...values, query.limit, query.offset) as RecordRow[];
  // Without a filter, the register is every record less the (small) bin: counted from the smallest index and the
  // bin's own, instead of checking binned_at row by row.
  const unfiltered =
    !query.bin && !(query.status?.length ?? 0) && query.year === undefined && query.classification === undefined;
  const total = unfiltered
    ? (
        prepared(
          db,
          'SELECT (SELECT count(*) FROM records) - (SELECT count(*) FROM records INDEXED BY records_in_bin WHERE binned_at IS NOT NULL) AS n',
        ).get() as { n: number }
      ).n
    : (prepared(db, `SELECT count(*) AS n FROM records r ${whereSql}`).get(...values) as { n: number }).n;
  return { items: rows.map(toSummary), total };
}

/** What a register line needs of a record's template to name its decision maker and category (ids, from its body). */
export interface LineFacts {
  template: string;
  templateHash?: string;
  decisionMaker?: string;
  category?: string;
}

/**
 * The template, version, decision maker and category of the given records, by id: read from their bodies for one
 * page of lines only (a line's own columns never read the body), and so from a database of any schema.
 */
export function lineFacts(db: ReadableDB, ids: readonly string[]): Map<string, LineFacts> {
  const facts = new Map<string, LineFacts>();
  if (ids.length === 0) return facts;
  const rows = prepared(
    db,
    `SELECT id, json_extract(body, '$.template') AS template, json_extract(body, '$.templateHash') AS template_hash,
       json_extract(body, '$.decisionMaker') AS decision_maker, json_extract(body, '$.category') AS category
     FROM records WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as {
    id: string;
    template: unknown;
    template_hash: unknown;
    decision_maker: unknown;
    category: unknown;
  }[];
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  for (const row of rows) {
    const template = text(row.template);
    if (template === undefined) continue;
    const templateHash = text(row.template_hash);
    const decisionMaker = text(row.decision_maker);
    const category = text(row.category);
    facts.set(row.id, {
      template,
      ...(templateHash !== undefined ? { templateHash } : {}),
      ...(decisionMaker !== undefined ? { decisionMaker } : {}),
      ...(category !== undefined ? { category } : {}),
    });
  }
  return facts;
}

/** When the record was moved to the bin, or null: it is in the register. */
export function binnedAt(db: ReadableDB, id: string): string | null {
  const row = prepared(db, 'SELECT binned_at FROM records WHERE id = ?').get(id) as
    { binned_at: string | null } | undefined;
  return row?.binned_at ?? null;
}

/** Moves a record to the bin (`at`) or back to the register (null). */
export function setBinned(db: WritableDB, id: string, at: string | null): void {
  prepared(db, 'UPDATE records SET binned_at = ? WHERE id = ?').run(at, id);
}

/** How many records the database holds. */
export function countRecords(db: ReadableDB): number {
  return (prepared(db, 'SELECT count(*) AS n FROM records').get() as { n: number }).n;
}
