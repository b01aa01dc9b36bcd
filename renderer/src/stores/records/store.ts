// The register's store: the query (search, filters, order), the pages of lines loaded so far, the active line, and the bin.

import { create } from 'zustand';
import type { MethodResult } from '../../../../electron/contract.ts';
import { createRecordsActions, type RecordsActions } from './actions.ts';
import {
  type BinState,
  initialBinState,
  initialQuery,
  type RegisterLine,
  type RegisterNotice,
  type RegisterQuery,
} from './query.ts';

export {
  type BinState,
  PAGE_SIZE,
  type RegisterLine,
  type RegisterNotice,
  type RegisterQuery,
  type RegisterSort,
} from './query.ts';

export interface RecordsState {
  /** The register itself, or the bin of deleted drafts. */
  shown: 'register' | 'bin';
  bin: BinState;
  notice: RegisterNotice | null;
  query: RegisterQuery;
  /** Loaded lines by page number (line index / PAGE_SIZE), for the query whose results are shown. */
  pages: Record<number, RegisterLine[]>;
  /** How many lines the shown query has in all (for a search, at most SEARCH_COUNT_CAP). */
  total: number;
  /** The shown search has more matches than it counts and shows: "1,000+". */
  capped: boolean;
  /** The search text whose results are shown (the box may be ahead of it while a search is on its way). */
  shownText: string;
  /** The words the shown results matched, to highlight. */
  terms: string[];
  listStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** The last failure, in words for the person at the desk. */
  error: string | null;
  /** The line the keyboard is on. */
  activeIndex: number;
  /** Decided records still unpublished longer than the office allows, as of the register's last refresh. */
  late: MethodResult<'records.late'> | null;
  /** The publication pack's export: under way, and what came of the last one. */
  pack: { exporting: boolean; notice: { kind: 'saved' | 'error'; message: string } | null };
}

export type RecordsStore = RecordsState & RecordsActions;

export const initialRecordsState: RecordsState = {
  shown: 'register',
  bin: initialBinState,
  notice: null,
  query: initialQuery,
  pages: {},
  total: 0,
  capped: false,
  shownText: '',
  terms: [],
  listStatus: 'idle',
  error: null,
  activeIndex: 0,
  late: null,
  pack: { exporting: false, notice: null },
};

export const useRecordsStore = create<RecordsStore>()((...args) => ({
  ...initialRecordsState,
  ...createRecordsActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetRecordsStore(): void {
  useRecordsStore.setState(initialRecordsState);
}
