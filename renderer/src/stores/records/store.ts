// The register's store: the list of records the window shows, and whether it is loading or failed.

import { create } from 'zustand';
import type { RecordSummary } from '../../../../electron/core/domain/views.ts';
import { createRecordsActions, type RecordsActions } from './actions.ts';

export interface RecordsState {
  summaries: RecordSummary[];
  /** How many records the register holds in all (the list may show fewer). */
  total: number;
  listStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** The last failure, in words for the person at the desk. */
  error: string | null;
}

export type RecordsStore = RecordsState & RecordsActions;

export const initialRecordsState: RecordsState = {
  summaries: [],
  total: 0,
  listStatus: 'idle',
  error: null,
};

export const useRecordsStore = create<RecordsStore>()((...args) => ({
  ...initialRecordsState,
  ...createRecordsActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetRecordsStore(): void {
  useRecordsStore.setState(initialRecordsState);
}
