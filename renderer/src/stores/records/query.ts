// The register's query and lines (what the store asks the service for, and how a line is found by its index), and the bin.

import type { Classification, RecordStatus } from '../../../../electron/core/domain/record.ts';
import type { RecordSummary, SearchHit } from '../../../../electron/core/domain/views.ts';

/** Lines fetched per call: the first page of a register of any size arrives at once, later pages as they scroll in. */
export const PAGE_SIZE = 100;

export type RegisterSort = 'updated' | 'reference';

export interface RegisterQuery {
  /** What is typed in the search box; blank lists every record. */
  text: string;
  status: RecordStatus | null;
  year: number | null;
  classification: Classification | null;
  sort: RegisterSort;
  direction: 'asc' | 'desc';
}

export type RegisterLine = RecordSummary | SearchHit;

export const initialQuery: RegisterQuery = {
  text: '',
  status: null,
  year: null,
  classification: null,
  sort: 'updated',
  direction: 'desc',
};

/** The line at an index, if its page has been loaded. */
export function lineAt(pages: Record<number, RegisterLine[]>, index: number): RegisterLine | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** The bin: drafts deleted from the register, most recently deleted first, loaded a page at a time. */
export interface BinState {
  items: RecordSummary[];
  total: number;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  /** The draft whose restore is on its way. */
  restoring: string | null;
}

/** What just happened to a draft going into or out of the bin; `undo` names the draft Undo restores. */
export interface RegisterNotice {
  kind: 'saved' | 'error';
  message: string;
  undo?: { id: string; title: string };
}

export const initialBinState: BinState = { items: [], total: 0, status: 'idle', error: null, restoring: null };
