// The audit log: who did what to which record, when, on which device, with the content hash. Never record text.

import type { AuditEntry } from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';

export function appendAudit(db: WritableDB, entry: AuditEntry): void {
  prepared(
    db,
    `INSERT INTO audit (record_id, at, actor, device, action, revision, content_hash, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.recordId,
    entry.at,
    entry.actor,
    entry.device,
    entry.action,
    entry.revision,
    entry.contentHash,
    JSON.stringify(entry.detail),
  );
}

export function listAudit(db: ReadableDB, recordId: string): AuditEntry[] {
  const rows = prepared(
    db,
    'SELECT record_id, at, actor, device, action, revision, content_hash, detail FROM audit WHERE record_id = ? ORDER BY seq',
  ).all(recordId) as {
    record_id: string | null;
    at: string;
    actor: string;
    device: string;
    action: string;
    revision: number | null;
    content_hash: string | null;
    detail: string;
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
  }));
}
