// The shared folder as the window sees it: sync's status (asked for while the window shows), Sync now, and conflicts.

import { create } from 'zustand';
import type { MethodInput, MethodResult } from '../../../../electron/contract.ts';
import { createSyncActions, type SyncActions } from './actions.ts';

export type SyncStatus = MethodResult<'sync.status'>;
export type SyncSummary = MethodResult<'sync.now'>;
export type SyncConflictView = MethodResult<'sync.conflicts'>[number];
export type ConflictAction = MethodInput<'sync.resolve'>['action'];
export type ShareVerification = MethodResult<'sync.verifyShare'>;

/** Verify shared folder: not asked, on its way (it reads every published bundle whole), or what it found. */
export type VerifyShareState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: ShareVerification; at: string }
  | { phase: 'failed'; message: string };

/**
 * Whether the window can tell how sync is: `running` once it answers; `off` when this session has no sync (or the
 * application does not answer); `unknown` before the first answer, or when the answer was an error of another kind.
 */
export type SyncAvailability = 'unknown' | 'running' | 'off';

export interface SyncState {
  /** The last status sync gave; kept through a failed request, so the window still says what it last knew. */
  status: SyncStatus | null;
  availability: SyncAvailability;
  /** Why the status could not be had, in words. */
  statusError: string | null;
  /** A Sync now on its way. */
  syncing: boolean;
  /** What the last Sync now did (or why it failed), shown for a while after it. */
  outcome: { kind: 'done'; summary: SyncSummary } | { kind: 'failed'; message: string } | null;
  /** The open conflicts, once the conflicts view has asked for them. */
  conflicts: SyncConflictView[];
  conflictsStatus: 'idle' | 'loading' | 'ready' | 'failed';
  conflictsError: string | null;
  /** The resolution on its way: which conflict, and which action was chosen. */
  resolving: { id: number; action: ConflictAction } | null;
  /** What became of the last resolution, for the conflicts view. */
  notice: { kind: 'saved' | 'error'; message: string } | null;
  verification: VerifyShareState;
}

export type SyncStore = SyncState & SyncActions;

export const initialSyncState: SyncState = {
  status: null,
  availability: 'unknown',
  statusError: null,
  syncing: false,
  outcome: null,
  conflicts: [],
  conflictsStatus: 'idle',
  conflictsError: null,
  resolving: null,
  notice: null,
  verification: { phase: 'idle' },
};

export const useSyncStore = create<SyncStore>()((...args) => ({
  ...initialSyncState,
  ...createSyncActions(...args),
}));

/** For tests: back to the state of a fresh window, with no polling left running. */
export function resetSyncStore(): void {
  useSyncStore.getState().syncWatchStopped();
  useSyncStore.setState(initialSyncState);
}
