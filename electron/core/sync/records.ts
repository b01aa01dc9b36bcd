// Record writes sync makes in this database: a version from the share, a claimed reference, the published state.

import {
  computeContentHash,
  type DecisionRecord,
  DecisionRecordSchema,
  describeIssues,
  DuplicateReferenceError,
  InvalidInputError,
  numberedParts,
  type Numbering,
  type RevisionKind,
} from '../domain/index.ts';
import { appendAudit } from '../db/audit.ts';
import type { WritableDB } from '../db/connection.ts';
import { getRecord, insertRecord, referenceOwner, updateRecord } from '../db/records.ts';
import { addRevision } from '../db/revisions.ts';

/** Who the audit log names for what sync does, and the office's numbering, which reads a reference's year and number. */
export interface SyncActor {
  actor: string;
  device: string;
  numbering: Pick<Numbering, 'series'>;
  now: Date;
}

/**
 * Writes a version of a record as this database's current one, with a revision row and an audit entry. A version
 * from elsewhere never rewinds the history here: when its revision is not above the local one it is stored as the
 * next revision. Call inside a transaction. Throws DuplicateReferenceError when another record has its reference.
 */
export function storeRecord(
  db: WritableDB,
  incoming: DecisionRecord,
  kind: RevisionKind,
  action: string,
  detail: Record<string, unknown>,
  who: SyncActor,
): DecisionRecord {
  const existing = getRecord(db, incoming.id);
  const candidate =
    existing && incoming.revision <= existing.revision ? { ...incoming, revision: existing.revision + 1 } : incoming;
  const parsed = DecisionRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new InvalidInputError(`The record is not valid: ${describeIssues(parsed.error)}`);
  const record = parsed.data;
  if (record.reference) {
    const owner = referenceOwner(db, record.reference);
    if (owner && owner !== record.id) {
      throw new DuplicateReferenceError(
        `The reference ${record.reference} is already used by another record (${owner}).`,
      );
    }
  }
  const parts = numberedParts(who.numbering, record.reference);
  if (existing) updateRecord(db, record, parts);
  else insertRecord(db, record, parts);
  addRevision(db, record, kind, who.now);
  appendAudit(db, {
    recordId: record.id,
    at: who.now.toISOString(),
    actor: who.actor,
    device: who.device,
    action,
    revision: record.revision,
    contentHash: record.contentHash,
    detail,
  });
  return record;
}

/** The published form of a decided record: what its bundle's record.json holds and this database then keeps. */
export function publishedForm(record: DecisionRecord, now: Date): DecisionRecord {
  return {
    ...record,
    status: 'published',
    revision: record.revision + 1,
    updatedAt: now.toISOString(),
    publishedAt: now.toISOString(),
  };
}

/** Marks a record published once its bundle has been read back and verified at `path` on the share. */
export function markPublished(db: WritableDB, published: DecisionRecord, path: string, who: SyncActor): DecisionRecord {
  return storeRecord(db, published, 'workflow', 'published', { path }, who);
}

/**
 * Gives a record that was submitted while the share was out of reach the reference claimed for it since. The
 * reference is part of the content hash, so the hash changes with it. Returns null when the record has gone or
 * already has a reference (nothing to do).
 */
export function assignReference(
  db: WritableDB,
  recordId: string,
  reference: string,
  who: SyncActor,
): DecisionRecord | null {
  const record = getRecord(db, recordId);
  if (!record || record.reference !== null) return null;
  const next: DecisionRecord = {
    ...record,
    reference,
    revision: record.revision + 1,
    updatedAt: who.now.toISOString(),
  };
  next.contentHash = computeContentHash(next);
  return storeRecord(db, next, 'workflow', 'reference-claimed', { reference }, who);
}
