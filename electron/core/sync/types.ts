// What sync reports, as plain data: pass summaries, status, conflicts. No Node here, so the contract (and through
// it the window) can name these types; the engine and the sync tables produce them.

import type { DeskErrorData } from '../domain/index.ts';

export type OutboxKind = 'claim' | 'handover' | 'publish';

export type ClaimResult = { reference: string } | { pending: true };

/** What "Verify shared folder" found: how many published bundles it read whole, and each that failed, with why. */
export interface ShareVerification {
  checked: number;
  problems: { path: string; reference: string | null; reason: string }[];
}

export interface SyncSummary {
  ok: boolean;
  /** The share's folder; null when none has been chosen (then ok is false and error says so). */
  folder: string | null;
  startedAt: string;
  finishedAt: string;
  /** Why the pass stopped early (the share is missing, full, refused us…); the queue is intact. */
  error: DeskErrorData | null;
  claimed: { recordId: string; reference: string }[];
  handedOver: { recordId: string; revision: number }[];
  /** Versions taken from the share into this database. */
  received: { recordId: string; revision: number; action: 'imported' | 'merged' | 'adopted' | 'published' }[];
  published: { recordId: string; reference: string; path: string }[];
  /** Conflicts found in this pass (each is reported once). */
  newConflicts: number;
  /** Queued work that failed on its own and waits for a later pass. */
  failures: { recordId: string; kind: OutboxKind; error: DeskErrorData }[];
  /** Files left for a later pass: half-synced, incomplete, or written by a newer version. */
  skipped: { path: string; reason: string }[];
  /** Items still queued after the pass. */
  waiting: number;
}

export type ConflictKind = 'content' | 'duplicate-reference' | 'published-mismatch' | 'tampered' | 'conflict-copy';

export interface SyncConflict {
  id: number;
  kind: ConflictKind;
  recordId: string | null;
  reference: string | null;
  /** The file or folder on the share it is about, relative to the share's root. */
  path: string | null;
  message: string;
  /** Both sides where there are two: e.g. `{ local, remote }` records, or the record ids sharing one reference. */
  detail: Record<string, unknown>;
  foundAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export type SyncState = 'not-set-up' | 'offline' | 'error' | 'conflicts' | 'waiting' | 'synced' | 'never-synced';

export interface SyncStatus {
  /** The share's folder, or null until someone chooses one in Settings ("not-set-up"). */
  folder: string | null;
  /** The headline: no shared folder chosen, offline since …, a failing pass, conflicts to resolve, N waiting, or synced. */
  state: SyncState;
  /** Work queued for the share. */
  waiting: number;
  /** Records submitted while the share was out of reach, still waiting for their reference. */
  referencesPending: number;
  conflicts: number;
  offlineSince: string | null;
  lastSyncedAt: string | null;
  lastError: DeskErrorData | null;
  running: boolean;
}

export const CONFLICT_ACTIONS = ['keep-local', 'keep-remote', 'new-reference', 'retry', 'dismiss'] as const;
export type ConflictAction = (typeof CONFLICT_ACTIONS)[number];

export interface SyncConflictView extends SyncConflict {
  /** What may resolve it: keep one version, give this device's record a new reference, look again, or dismiss. */
  actions: ConflictAction[];
}

/** What may resolve each kind of conflict. */
export const CONFLICT_ACTIONS_BY_KIND: Record<ConflictKind, readonly ConflictAction[]> = {
  content: ['keep-local', 'keep-remote'],
  'duplicate-reference': ['new-reference', 'dismiss'],
  'published-mismatch': ['retry', 'dismiss'],
  tampered: ['retry', 'dismiss'],
  'conflict-copy': ['dismiss'],
};
