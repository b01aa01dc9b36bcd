// The sync tables: the outbox of work for the share, the conflicts a person must resolve, and small sync facts.

import type { DeskErrorData } from '../domain/index.ts';
import type { ReadableDB, WritableDB } from './connection.ts';
import { prepared } from './statements.ts';
import type { ConflictKind, OutboxKind, SyncConflict } from '../sync/types.ts';

export interface OutboxItem {
  seq: number;
  kind: OutboxKind;
  recordId: string;
  payload: Record<string, unknown>;
  queuedAt: string;
  /** Goes up each time the item is queued again, so finishing an older request does not drop a newer one. */
  generation: number;
  attempts: number;
  /** A failed item waits until then before a scheduled pass tries it again; a pass on demand does not wait. */
  notBefore: string | null;
  lastError: DeskErrorData | null;
}

interface OutboxRow {
  seq: number;
  kind: OutboxKind;
  record_id: string;
  payload: string;
  queued_at: string;
  generation: number;
  attempts: number;
  not_before: string | null;
  last_error: string | null;
}

const toItem = (row: OutboxRow): OutboxItem => ({
  seq: row.seq,
  kind: row.kind,
  recordId: row.record_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  queuedAt: row.queued_at,
  generation: row.generation,
  attempts: row.attempts,
  notBefore: row.not_before,
  lastError: row.last_error ? (JSON.parse(row.last_error) as DeskErrorData) : null,
});

/** Queues work for a record; queuing it again while it waits makes it due at once (the latest state is sent). */
export function enqueue(
  db: WritableDB,
  kind: OutboxKind,
  recordId: string,
  now: Date,
  payload: Record<string, unknown> = {},
): void {
  prepared(
    db,
    `INSERT INTO outbox (kind, record_id, payload, queued_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, record_id) DO UPDATE SET payload = excluded.payload, generation = generation + 1, attempts = 0,
       not_before = NULL`,
  ).run(kind, recordId, JSON.stringify(payload), now.toISOString());
}

/** Claims first (a handover needs the reference), then handovers, then publishing; oldest first within each. */
export function outboxItems(db: ReadableDB, dueAt: Date | null = null): OutboxItem[] {
  const rows = prepared(
    db,
    `SELECT * FROM outbox WHERE ? IS NULL OR not_before IS NULL OR not_before <= ?
     ORDER BY CASE kind WHEN 'claim' THEN 0 WHEN 'handover' THEN 1 ELSE 2 END, seq`,
  ).all(dueAt?.toISOString() ?? null, dueAt?.toISOString() ?? null) as OutboxRow[];
  return rows.map(toItem);
}

export function findItem(db: ReadableDB, kind: OutboxKind, recordId: string): OutboxItem | undefined {
  const row = prepared(db, 'SELECT * FROM outbox WHERE kind = ? AND record_id = ?').get(kind, recordId) as
    OutboxRow | undefined;
  return row ? toItem(row) : undefined;
}

/** Takes a finished item off the queue, unless it was queued again meanwhile (then the newer request stays). */
export function finishItem(db: WritableDB, item: Pick<OutboxItem, 'seq' | 'generation'>): void {
  prepared(db, 'DELETE FROM outbox WHERE seq = ? AND generation = ?').run(item.seq, item.generation);
}

export function removeItemsFor(db: WritableDB, kind: OutboxKind, recordId: string): void {
  prepared(db, 'DELETE FROM outbox WHERE kind = ? AND record_id = ?').run(kind, recordId);
}

/** Notes a failure on the item, keeping it queued; `notBefore` null keeps it due (a share-wide failure, not its own). */
export function itemFailed(db: WritableDB, seq: number, error: DeskErrorData, notBefore: Date | null): void {
  prepared(db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = ? WHERE seq = ?').run(
    JSON.stringify(error),
    notBefore?.toISOString() ?? null,
    seq,
  );
}

export function countOutbox(db: ReadableDB): number {
  return (prepared(db, 'SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

export function getState(db: ReadableDB, key: string): string | undefined {
  return (prepared(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setState(db: WritableDB, key: string, value: string): void {
  prepared(
    db,
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function deleteState(db: WritableDB, key: string): void {
  prepared(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
}

const SEEN = 'seen:';

/** Share paths already read and verified under a folder ("pending/<id>/"), with what was noted for each. */
export function seenUnder(db: ReadableDB, folder: string): Map<string, string> {
  const prefix = `${SEEN}${folder}/`;
  const rows = prepared(db, 'SELECT key, value FROM sync_state WHERE key >= ? AND key < ?').all(
    prefix,
    `${prefix}\uffff`,
  ) as {
    key: string;
    value: string;
  }[];
  return new Map(rows.map((r) => [r.key.slice(prefix.length), r.value]));
}

/** Records that a share path has been read and dealt with, so later passes skip it. */
export function markSeen(db: WritableDB, sharePath: string, value = ''): void {
  setState(db, `${SEEN}${sharePath}`, value);
}

export function forgetSeen(db: WritableDB, sharePath: string): void {
  deleteState(db, `${SEEN}${sharePath}`);
}

export function forgetSeenUnder(db: WritableDB, folder: string): void {
  const prefix = `${SEEN}${folder}/`;
  prepared(db, 'DELETE FROM sync_state WHERE key >= ? AND key < ?').run(prefix, `${prefix}\uffff`);
}

export interface NewConflict {
  /** Identifies the conflict, so finding it again on the next pass does not report it twice. */
  key: string;
  kind: ConflictKind;
  recordId?: string | null;
  reference?: string | null;
  path?: string | null;
  message: string;
  detail?: Record<string, unknown>;
}

interface ConflictRow {
  id: number;
  kind: ConflictKind;
  record_id: string | null;
  reference: string | null;
  path: string | null;
  message: string;
  detail: string;
  found_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

const toConflict = (row: ConflictRow): SyncConflict => ({
  id: row.id,
  kind: row.kind,
  recordId: row.record_id,
  reference: row.reference,
  path: row.path,
  message: row.message,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  foundAt: row.found_at,
  resolvedAt: row.resolved_at,
  resolution: row.resolution,
});

/** Stores a conflict once; true when it is new. */
export function reportConflict(db: WritableDB, conflict: NewConflict, now: Date): boolean {
  const result = prepared(
    db,
    `INSERT INTO sync_conflicts (key, kind, record_id, reference, path, message, detail, found_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  ).run(
    conflict.key,
    conflict.kind,
    conflict.recordId ?? null,
    conflict.reference ?? null,
    conflict.path ?? null,
    conflict.message,
    JSON.stringify(conflict.detail ?? {}),
    now.toISOString(),
  );
  return result.changes === 1;
}

export function listConflicts(db: ReadableDB, options: { includeResolved?: boolean } = {}): SyncConflict[] {
  const rows = prepared(db, 'SELECT * FROM sync_conflicts WHERE ? OR resolved_at IS NULL ORDER BY id').all(
    options.includeResolved ? 1 : 0,
  ) as ConflictRow[];
  return rows.map(toConflict);
}

export function getConflict(db: ReadableDB, id: number): SyncConflict | undefined {
  const row = prepared(db, 'SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  return row ? toConflict(row) : undefined;
}

export function closeConflict(db: WritableDB, id: number, resolution: string, now: Date): void {
  prepared(db, 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(
    now.toISOString(),
    resolution,
    id,
  );
}

/** Closes a record's open content conflicts once a later version has settled them. */
export function closeContentConflicts(db: WritableDB, recordId: string, resolution: string, now: Date): void {
  prepared(
    db,
    `UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE record_id = ? AND kind = 'content' AND resolved_at IS NULL`,
  ).run(now.toISOString(), resolution, recordId);
}

/** The content hashes of the other versions in a record's open content conflicts: what a person here was shown. */
export function contentsInOpenConflicts(db: ReadableDB, recordId: string): Set<string> {
  const rows = prepared(
    db,
    `SELECT json_extract(detail, '$.remote.contentHash') AS hash FROM sync_conflicts
     WHERE record_id = ? AND kind = 'content' AND resolved_at IS NULL`,
  ).all(recordId) as { hash: string | null }[];
  return new Set(rows.map((r) => r.hash).filter((h): h is string => typeof h === 'string'));
}

/** Forgets a conflict altogether, so the same problem is reported again if it is still there on the next pass. */
/** Closes the open conflict with this key, if any: the problem it reported has gone. */
export function closeConflictByKey(db: WritableDB, key: string, resolution: string, now: Date): void {
  prepared(db, 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE key = ? AND resolved_at IS NULL').run(
    now.toISOString(),
    resolution,
    key,
  );
}

export function deleteConflict(db: WritableDB, id: number): void {
  prepared(db, 'DELETE FROM sync_conflicts WHERE id = ?').run(id);
}

export function countOpenConflicts(db: ReadableDB): number {
  return (prepared(db, 'SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

/** A file of the publication pack as this device last wrote it: its path under publication/, its key and size. */
export interface PublicationFile {
  path: string;
  key: string;
  bytes: number;
}

/** The pack's files as this device last wrote them, by path. */
export function publicationFiles(db: ReadableDB): Map<string, PublicationFile> {
  const rows = prepared(db, 'SELECT path, key, bytes FROM publication_files').all() as PublicationFile[];
  return new Map(rows.map((row) => [row.path, row]));
}

/** Notes a pack file as written. */
export function rememberPublicationFile(db: WritableDB, file: PublicationFile): void {
  prepared(
    db,
    'INSERT INTO publication_files (path, key, bytes) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET key = excluded.key, bytes = excluded.bytes',
  ).run(file.path, file.key, file.bytes);
}

/** Forgets a pack file that is no longer part of it. */
export function forgetPublicationFile(db: WritableDB, path: string): void {
  prepared(db, 'DELETE FROM publication_files WHERE path = ?').run(path);
}
