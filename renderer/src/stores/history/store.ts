// The open record's history: its revisions, the one being looked at, and restoring it.

import { create } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { RevisionSummary } from '../../../../electron/core/domain/views.ts';
import { createHistoryActions, type HistoryActions } from './actions.ts';

export interface HistoryState {
  open: boolean;
  recordId: string | null;
  revisions: RevisionSummary[];
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** The revision being looked at, as it was saved. */
  viewing: DecisionRecord | null;
  /** Its printed form, as the export drew it then; null while it is on its way or when it could not be made. */
  viewingHtml: string | null;
  /** Why the printed form of the revision could not be shown. */
  viewingError: string | null;
  restoring: boolean;
  notice: { kind: 'saved' | 'error'; message: string } | null;
}

export type HistoryStore = HistoryState & HistoryActions;

export const initialHistoryState: HistoryState = {
  open: false,
  recordId: null,
  revisions: [],
  status: 'idle',
  viewing: null,
  viewingHtml: null,
  viewingError: null,
  restoring: false,
  notice: null,
};

export const useHistoryStore = create<HistoryStore>()((...args) => ({
  ...initialHistoryState,
  ...createHistoryActions(...args),
}));

export const historySelectors = {
  open: (s: HistoryStore) => s.open,
  revisions: (s: HistoryStore) => s.revisions,
  status: (s: HistoryStore) => s.status,
  viewing: (s: HistoryStore) => s.viewing,
  viewingHtml: (s: HistoryStore) => s.viewingHtml,
  viewingError: (s: HistoryStore) => s.viewingError,
  restoring: (s: HistoryStore) => s.restoring,
  notice: (s: HistoryStore) => s.notice,
};

/** For tests: back to the state of a fresh window. */
export function resetHistoryStore(): void {
  useHistoryStore.setState(initialHistoryState);
}
