// Resolving the conflicts sync reports: keep one version of a record, give a record a new reference, look again,
// or dismiss. Each resolution runs in one transaction and queues what the share needs to hear about it.

import {
  computeContentHash,
  ConflictError,
  dayOf,
  type DecisionRecord,
  DecisionRecordSchema,
  describeIssues,
  InvalidInputError,
  NotFoundError,
} from '../domain/index.ts';
import type { ReadableDB, WritableDB } from '../db/connection.ts';
import { getRecord } from '../db/records.ts';
import { type SyncActor, storeRecord } from './records.ts';
import {
  closeConflict,
  closeContentConflicts,
  deleteConflict,
  enqueue,
  forgetSeen,
  getConflict,
  listConflicts,
} from '../db/sync.ts';
import { CONFLICT_ACTIONS_BY_KIND, type ConflictAction, type SyncConflict, type SyncConflictView } from './types.ts';

function view(conflict: SyncConflict): SyncConflictView {
  return { ...conflict, actions: [...CONFLICT_ACTIONS_BY_KIND[conflict.kind]] };
}

export function conflictViews(db: ReadableDB): SyncConflictView[] {
  return listConflicts(db).map(view);
}

function keepVersion(db: WritableDB, conflict: SyncConflict, side: 'local' | 'remote', by: SyncActor): void {
  const local = conflict.recordId ? getRecord(db, conflict.recordId) : undefined;
  if (!local) throw new NotFoundError(`The record of this conflict is no longer in this database.`);
  const parsed = DecisionRecordSchema.safeParse(conflict.detail.remote);
  if (!parsed.success)
    throw new InvalidInputError(
      `The other version kept with this conflict is not valid: ${describeIssues(parsed.error)}`,
    );
  const remote = parsed.data;
  const kept: DecisionRecord = side === 'local' ? local : remote;
  // Above both versions, so every device takes this one as the later and the conflict settles everywhere.
  const revision = Math.max(local.revision, remote.revision) + 1;
  const stored = storeRecord(
    db,
    { ...kept, revision, updatedAt: by.now.toISOString() },
    side === 'local' ? 'workflow' : 'imported',
    'sync-conflict-resolved',
    { kept: side, path: conflict.path },
    by,
  );
  enqueue(db, 'handover', stored.id, by.now);
  if (stored.status === 'decided') enqueue(db, 'publish', stored.id, by.now);
  closeContentConflicts(db, stored.id, `kept ${side}`, by.now);
}

function releaseReference(db: WritableDB, conflict: SyncConflict, by: SyncActor): void {
  const id = typeof conflict.detail.local === 'string' ? conflict.detail.local : conflict.recordId;
  const local = id ? getRecord(db, id) : undefined;
  if (!local || local.reference !== conflict.reference) {
    throw new NotFoundError(
      'Neither record of this conflict is in this database with that reference: resolve it on the device that has one.',
    );
  }
  if (local.status === 'decided' || local.status === 'published') {
    throw new InvalidInputError(
      `${local.reference} is ${local.status}: its signatures cover the reference, so it cannot be given a new one. Give the other record a new reference instead.`,
    );
  }
  const next: DecisionRecord = {
    ...local,
    reference: null,
    revision: local.revision + 1,
    updatedAt: by.now.toISOString(),
  };
  next.contentHash = computeContentHash(next);
  storeRecord(db, next, 'workflow', 'reference-released', { reference: local.reference }, by);
  if (local.status === 'awaiting-signatures') {
    enqueue(db, 'claim', local.id, by.now, { ...dayOf(by.now), released: [local.reference] });
  }
  closeConflict(db, conflict.id, 'new-reference', by.now);
}

/** Resolves conflict `id` with `action` as `by`; the caller starts a pass so the share hears of it. */
export function resolveConflict(db: WritableDB, id: number, action: ConflictAction, by: SyncActor): SyncConflictView {
  const conflict = getConflict(db, id);
  if (!conflict) throw new NotFoundError(`There is no sync conflict ${id}.`);
  if (conflict.resolvedAt)
    throw new ConflictError(`This conflict was already resolved (${conflict.resolution}).`, {
      conflict: view(conflict),
    });
  if (!CONFLICT_ACTIONS_BY_KIND[conflict.kind].includes(action)) {
    throw new InvalidInputError(
      `"${action}" does not resolve a ${conflict.kind} conflict: choose ${CONFLICT_ACTIONS_BY_KIND[conflict.kind].join(' or ')}.`,
    );
  }
  db.transaction(() => {
    switch (action) {
      case 'keep-local':
      case 'keep-remote':
        keepVersion(db, conflict, action === 'keep-local' ? 'local' : 'remote', by);
        break;
      case 'new-reference':
        releaseReference(db, conflict, by);
        break;
      case 'retry': {
        // Forget it, and what was seen at its path, so the next pass looks again and reports it if it is still so.
        deleteConflict(db, id);
        if (conflict.path) forgetSeen(db, conflict.path);
        const record = conflict.recordId ? getRecord(db, conflict.recordId) : undefined;
        if (record?.status === 'decided') enqueue(db, 'publish', record.id, by.now);
        break;
      }
      case 'dismiss':
        closeConflict(db, id, 'dismissed', by.now);
    }
  }).immediate();
  return view(getConflict(db, id) ?? { ...conflict, resolvedAt: by.now.toISOString(), resolution: action });
}
