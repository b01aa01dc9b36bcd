// The audit log: who did what to which record, when, on which device, with the content hash. Never record text.

import { type AuditEntry, auditEntryHash } from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

/** Appends an entry chained to its record's last one (schema 40): the caller's transaction makes the two one step. */
export function appendAudit(db: WritableDB, entry: AuditEntry): void {
  const last = prepared(db, 'SELECT hash FROM audit WHERE record_id IS ? ORDER BY seq DESC LIMIT 1').get(
    entry.recordId,
  ) as { hash: string | null } | undefined;
  const prevHash = last?.hash ?? null;
  // The detail is hashed as it reads back from the database.
  const detail = JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>;
  const hash = auditEntryHash({ ...entry, detail }, prevHash);
  prepared(
    db,
    `INSERT INTO audit (record_id, at, actor, device, action, revision, content_hash, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.recordId,
    entry.at,
    entry.actor,
    entry.device,
    entry.action,
    entry.revision,
    entry.contentHash,
    JSON.stringify(detail),
    prevHash,
    hash,
  );
}

export function listAudit(db: ReadableDB, recordId: string): AuditEntry[] {
  const rows = prepared(
    db,
    'SELECT record_id, at, actor, device, action, revision, content_hash, detail, prev_hash, hash FROM audit WHERE record_id = ? ORDER BY seq',
  ).all(recordId) as {
    record_id: string | null;
    at: string;
    actor: string;
    device: string;
    action: string;
    revision: number | null;
    content_hash: string | null;
    detail: string;
    prev_hash: string | null;
    hash: string | null;
  }[];
  return rows.map((r) => ({
    recordId: r.record_id,
    at: r.at,
    actor: r.actor,
    device: r.device,
    action: r.action,
    revision: r.revision,
    contentHash: r.content_hash,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
