// Handing records over for signing: each change goes to pending/<record-id>/ (a confidential record's to
// confidential/pending/<record-id>/) as a new file, and other devices' files come in from both.

import { DuplicateReferenceError, type DecisionRecord } from '../domain/index.ts';
import { getRecord, referenceOwner } from '../db/records.ts';
import { holdVersion } from '../db/templates.ts';
import { conflict, conflictCopy, type SyncContext } from './context.ts';
import { SyncError } from './errors.ts';
import { admitIncoming } from './gate.ts';
import {
  checkSharedRecord,
  parsePendingName,
  PENDING,
  pendingArea,
  type PendingArea,
  PENDING_AREAS,
  pendingFile,
  pendingFolder,
  READ_LIMITS,
  sha256,
} from './layout.ts';
import { mergeRemote } from './merge.ts';
import { storeRecord } from './records.ts';
import {
  closeContentConflicts,
  contentsInOpenConflicts,
  enqueue,
  findItem,
  finishItem,
  forgetSeenUnder,
  markSeen,
  type OutboxItem,
  seenUnder,
} from '../db/sync.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Whether `file` on the share holds exactly `bytes`; reading no more than that many (a longer file does not). */
async function readsBackAs(ctx: SyncContext, file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return sameBytes(await ctx.driver.read(file, bytes.length), bytes);
  } catch (error) {
    if (error instanceof SyncError && error.reason === 'too-large') return false;
    throw error;
  }
}

/** A file from the share, or null when it is larger than `maxBytes` (the caller reports it; it is not read). */
export async function readAtMost(ctx: SyncContext, file: string, maxBytes: number): Promise<Uint8Array | null> {
  try {
    return await ctx.driver.read(file, maxBytes);
  } catch (error) {
    if (error instanceof SyncError && error.reason === 'too-large') return null;
    throw error;
  }
}

/** Writes the record's current version to pending/ and reads it back; the item stays queued until that holds. */
export async function handOver(ctx: SyncContext, item: OutboxItem): Promise<void> {
  const record = getRecord(ctx.db, item.recordId);
  if (!record || record.status === 'published') {
    finishItem(ctx.db, item);
    return;
  }
  // The reference is part of the content signed: a record goes out for signature only once it has one.
  if (record.reference === null && findItem(ctx.db, 'claim', record.id)) return;
  const area = pendingArea(record.classification);
  const file = pendingFile(record.id, record.revision, ctx.deviceToken, area);
  const bytes = ctx.recordJson(record);
  await ctx.driver.ensureFolder(pendingFolder(record.id, area));
  if ((await ctx.driver.writeOnce(file, bytes)) === 'exists' && !(await readsBackAs(ctx, file, bytes))) {
    // Our own file for this revision, damaged on the way (a truncated upload): pending files are ours to replace.
    await ctx.driver.remove(file);
    await ctx.driver.writeOnce(file, bytes);
  }
  if (!(await readsBackAs(ctx, file, bytes))) {
    await ctx.driver.remove(file);
    throw new SyncError('damaged', `${file} did not read back as written; it will be written again.`, { path: file });
  }
  ctx.db.transaction(() => {
    markSeen(ctx.db, file, sha256(bytes));
    finishItem(ctx.db, item);
  })();
  ctx.summary.handedOver.push({ recordId: record.id, revision: record.revision });
}

/**
 * Removes a published record's pending folders (in both areas: a draft's classification may have changed between
 * hand-overs): everything in them is superseded by the bundle.
 */
export async function cleanUpPending(ctx: SyncContext, recordId: string): Promise<void> {
  for (const area of PENDING_AREAS) {
    const folder = pendingFolder(recordId, area);
    try {
      await ctx.driver.remove(folder);
    } catch (error) {
      if (error instanceof SyncError && error.shareWide) throw error;
      // A file held open elsewhere, or a confidential area closed to this user: the folder goes on a later pass.
      continue;
    }
    forgetSeenUnder(ctx.db, folder);
  }
}

/** Reads every new pending file on the share, in the open and the confidential area, and merges it into this database. */
export async function pullPending(ctx: SyncContext): Promise<void> {
  for (const area of PENDING_AREAS) {
    let listing;
    try {
      listing = await ctx.driver.list(area);
    } catch (error) {
      // The confidential area may be closed to this user on purpose; the open hand-over still syncs.
      if (area !== PENDING && error instanceof SyncError && error.reason === 'permission-denied') continue;
      throw error;
    }
    if (!listing) continue;
    for (const name of listing.conflictCopies) conflictCopy(ctx, `${area}/${name}`);
    for (const entry of listing.entries) {
      if (entry.kind !== 'folder' || !UUID.test(entry.name)) continue;
      const local = getRecord(ctx.db, entry.name);
      if (local?.status === 'published') await cleanUpPending(ctx, entry.name);
      else await pullRecordFolder(ctx, entry.name, area);
    }
  }
}

async function pullRecordFolder(ctx: SyncContext, recordId: string, area: PendingArea): Promise<void> {
  const folder = pendingFolder(recordId, area);
  const listing = await ctx.driver.list(folder);
  if (!listing) return;
  for (const name of listing.conflictCopies) conflictCopy(ctx, `${folder}/${name}`);
  const seen = seenUnder(ctx.db, folder);
  const candidates: { name: string; revision: number; device: string }[] = [];
  for (const entry of listing.entries) {
    const parsed = entry.kind === 'file' ? parsePendingName(entry.name) : null;
    // Anything else in a record's folder was not written by Decision Desk: reported like a conflict copy.
    if (!parsed) conflictCopy(ctx, `${folder}/${entry.name}`);
    else if (!seen.has(entry.name)) candidates.push({ name: entry.name, ...parsed });
  }
  candidates.sort((a, b) => a.revision - b.revision || (a.name < b.name ? -1 : 1));
  for (const { name, revision, device } of candidates)
    await pullFile(ctx, recordId, revision, device, `${folder}/${name}`);
}

async function pullFile(
  ctx: SyncContext,
  recordId: string,
  revision: number,
  device: string,
  path: string,
): Promise<void> {
  const bytes = await readAtMost(ctx, path, READ_LIMITS.record);
  if (!bytes) {
    ctx.db.transaction(() => {
      conflict(ctx, {
        key: `tampered:${path}`,
        kind: 'tampered',
        recordId,
        path,
        message: `${path} on the shared folder was refused unread: it is larger than any record.json can be (${READ_LIMITS.record / 1024 / 1024} MB).`,
      });
      markSeen(ctx.db, path, 'too-large');
    })();
    return;
  }
  const check = checkSharedRecord(bytes);
  if (check.state === 'unreadable' || check.state === 'newer') {
    ctx.summary.skipped.push({
      path,
      reason: check.state === 'newer' ? `written in ${check.format}` : 'not readable yet',
    });
    return;
  }
  const remote = check.state === 'ok' ? check.record : null;
  if (!remote || remote.id !== recordId || remote.revision !== revision) {
    ctx.db.transaction(() => {
      conflict(ctx, {
        key: `tampered:${path}`,
        kind: 'tampered',
        recordId,
        path,
        message: `${path} on the shared folder was refused: ${check.state === 'tampered' ? check.reason : 'its name does not match its content'}.`,
      });
      markSeen(ctx.db, path, sha256(bytes));
    })();
    return;
  }
  const verdict = await admitIncoming(
    ctx.gate,
    remote,
    { kind: 'handover', path },
    check.state === 'ok' ? check.carried : null,
  );
  if (!verdict.ok) {
    ctx.db.transaction(() => {
      conflict(ctx, {
        key: `tampered:${path}`,
        kind: 'tampered',
        recordId,
        path,
        message: `${path} on the shared folder was refused: ${verdict.reason}.`,
      });
      markSeen(ctx.db, path, sha256(bytes));
    })();
    return;
  }
  ctx.db
    .transaction(() => {
      // The version it was made with is kept here, so it prints and is checked here whatever happens to the file.
      if (check.state === 'ok' && check.carried) holdVersion(ctx.db, check.carried, ctx.now());
      if (mergeFile(ctx, verdict.record, { path, device })) markSeen(ctx.db, path, sha256(bytes));
    })
    .immediate();
}

/**
 * Applies one version from the share; runs inside the caller's transaction. False when the file must be read again
 * on a later pass: it carries a reference another record holds here, and may come in once that is resolved.
 */
function mergeFile(ctx: SyncContext, remote: DecisionRecord, from: { path: string; device: string }): boolean {
  const { path } = from;
  const local = getRecord(ctx.db, remote.id);
  const outcome = mergeRemote(local, remote, local ? contentsInOpenConflicts(ctx.db, remote.id) : undefined);
  const who = ctx.who();
  // A later version that agrees with this one here settles any conflict over older ones.
  if (local && remote.revision > local.revision && (outcome.kind === 'unchanged' || outcome.kind === 'update')) {
    closeContentConflicts(ctx.db, remote.id, 'superseded by a later version', who.now);
  }
  switch (outcome.kind) {
    case 'unchanged':
    case 'ignore':
      return true;
    case 'conflict':
      conflict(ctx, {
        key: `content:${path}`,
        kind: 'content',
        recordId: remote.id,
        reference: remote.reference,
        path,
        message: `${remote.reference ?? 'A record'}: ${outcome.reason}. Both versions are kept: choose which one to continue with.`,
        detail: { local, remote },
      });
      return true;
    case 'import':
    case 'update': {
      let stored: DecisionRecord;
      try {
        stored = storeRecord(
          ctx.db,
          outcome.record,
          'imported',
          'synced',
          { ...from, roles: outcome.kind === 'update' ? outcome.roles : [] },
          who,
        );
      } catch (error) {
        if (!(error instanceof DuplicateReferenceError)) throw error;
        duplicateReference(ctx, remote, path);
        return false;
      }
      if (outcome.kind === 'update' && outcome.handover) enqueue(ctx.db, 'handover', stored.id, who.now);
      if (stored.status === 'decided') enqueue(ctx.db, 'publish', stored.id, who.now);
      ctx.summary.received.push({
        recordId: stored.id,
        revision: stored.revision,
        action: outcome.kind === 'import' ? 'imported' : outcome.handover ? 'merged' : 'adopted',
      });
      return true;
    }
  }
}

/** Two records with one reference: both are kept as they are and a person is told; they are never merged. */
export function duplicateReference(ctx: SyncContext, remote: DecisionRecord, path: string): void {
  const owner = remote.reference ? referenceOwner(ctx.db, remote.reference) : undefined;
  const ids = [owner ?? null, remote.id].filter((id): id is string => id !== null).sort();
  conflict(ctx, {
    key: `duplicate-reference:${remote.reference}:${ids.join(':')}`,
    kind: 'duplicate-reference',
    recordId: owner ?? remote.id,
    reference: remote.reference,
    path,
    message: `Two different records have the reference ${remote.reference}. Both are kept; give one of them a new reference.`,
    detail: { recordIds: ids, local: owner ?? null, remote },
  });
}
