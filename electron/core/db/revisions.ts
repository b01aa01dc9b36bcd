// Revisions: every explicit save, and autosaves coalesced so a morning of typing is a handful of entries.

import type { DecisionRecord, RevisionKind, RevisionSummary } from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

/** Autosaves within this long of the first one in a run replace it instead of adding a revision. */
export const AUTOSAVE_COALESCE_MS = 5 * 60 * 1000;

export function addRevision(db: WritableDB, record: DecisionRecord, kind: RevisionKind, now: Date): void {
  const body = JSON.stringify(record);
  if (kind === 'autosaved') {
    const last = prepared(
      db,
      'SELECT revision, kind, first_saved_at FROM revisions WHERE record_id = ? ORDER BY revision DESC LIMIT 1',
    ).get(record.id) as { revision: number; kind: string; first_saved_at: string } | undefined;
    if (last && last.kind === 'autosaved' && now.getTime() - Date.parse(last.first_saved_at) < AUTOSAVE_COALESCE_MS) {
      prepared(
        db,
        'UPDATE revisions SET revision = ?, saved_at = ?, body = ? WHERE record_id = ? AND revision = ?',
      ).run(record.revision, now.toISOString(), body, record.id, last.revision);
      return;
    }
  }
  prepared(
    db,
    'INSERT INTO revisions (record_id, revision, kind, saved_at, first_saved_at, body) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(record.id, record.revision, kind, now.toISOString(), now.toISOString(), body);
}

export function listRevisions(db: ReadableDB, recordId: string): RevisionSummary[] {
  const rows = prepared(
    db,
    `SELECT revision, kind, saved_at, first_saved_at, json_extract(body, '$.title') AS title,
            json_extract(body, '$.status') AS status, json_extract(body, '$.contentHash') AS content_hash
     FROM revisions WHERE record_id = ? ORDER BY revision DESC`,
  ).all(recordId) as {
    revision: number;
    kind: RevisionKind;
    saved_at: string;
    first_saved_at: string;
    title: string;
    status: DecisionRecord['status'];
    content_hash: string;
  }[];
  return rows.map((r) => ({
    revision: r.revision,
    kind: r.kind,
    savedAt: r.saved_at,
    firstSavedAt: r.first_saved_at,
    title: r.title,
    status: r.status,
    contentHash: r.content_hash,
  }));
}

export function getRevision(db: ReadableDB, recordId: string, revision: number): DecisionRecord | undefined {
  const row = prepared(db, 'SELECT body FROM revisions WHERE record_id = ? AND revision = ?').get(
    recordId,
    revision,
  ) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as DecisionRecord) : undefined;
}
