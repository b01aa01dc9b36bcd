// What can happen to the register, named as events: each calls the API and records the outcome.

import type { StateCreator } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { Page } from '../../../../electron/core/domain/views.ts';
import { api } from '../../api.ts';
import { PAGE_SIZE, type RegisterLine, type RegisterQuery, type RegisterSort } from './query.ts';
import type { RecordsStore } from './store.ts';

export interface RecordsActions {
  /** The register came into view: load the first page of its query afresh. */
  registerOpened(): Promise<void>;
  /** A key was typed in the search box: search as the person types. */
  searchTyped(text: string): void;
  filtersChosen(filters: Partial<Pick<RegisterQuery, 'status' | 'year' | 'classification'>>): void;
  filtersCleared(): void;
  sortChosen(sort: RegisterSort, direction: 'asc' | 'desc'): void;
  /** Lines scrolled into view: load the pages that hold them. */
  linesNeeded(first: number, last: number): void;
  /** The keyboard (or a click) moved to a line. */
  lineActivated(index: number): void;
  /** A record was created or saved elsewhere in the window: its line shows what it now says. */
  recordChanged(record: DecisionRecord): void;
}

/** The register line for a record, as records.list would give it. */
export function summaryOf(record: DecisionRecord, previous?: RegisterLine): RegisterLine {
  return {
    ...previous,
    id: record.id,
    reference: record.reference,
    title: record.title,
    originator: record.originator,
    status: record.status,
    classification: record.classification,
    // The register's year follows the reference once claimed; the service knows it, so keep what it said.
    year: previous?.year ?? new Date(record.createdAt).getUTCFullYear(),
    revision: record.revision,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** One page of the register for a query: a search when there is text to search for, otherwise the list. */
function fetchPage(query: RegisterQuery, page: number): Promise<Page<RegisterLine>> {
  const common = {
    ...(query.status ? { status: [query.status] } : {}),
    ...(query.year ? { year: query.year } : {}),
    ...(query.classification ? { classification: query.classification } : {}),
    sort: query.sort,
    direction: query.direction,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
  const text = query.text.trim();
  return text ? api.call('records.search', { ...common, text: query.text }) : api.call('records.list', common);
}

export const createRecordsActions: StateCreator<RecordsStore, [], [], RecordsActions> = (set, get) => {
  // Each query gets a generation; answers for an older one are dropped, so a slow answer never overwrites a newer.
  let generation = 0;
  let firstPageInFlight = false;
  let firstPageWanted = false;
  const pagesInFlight = new Set<number>();

  /** Loads page 0 of the latest query; while one load runs, further requests fold into one that follows it. */
  async function loadFirstPage(): Promise<void> {
    if (firstPageInFlight) {
      firstPageWanted = true;
      return;
    }
    firstPageInFlight = true;
    const asked = generation;
    const query = get().query;
    if (get().listStatus !== 'ready') set({ listStatus: 'loading', error: null });
    try {
      const page = await fetchPage(query, 0);
      if (asked === generation) {
        pagesInFlight.clear();
        const sameText = get().shownText === query.text;
        set({
          pages: { 0: page.items },
          total: page.total,
          shownText: query.text,
          terms: page.items.find((line) => 'terms' in line)?.terms ?? termsOf(query.text),
          listStatus: 'ready',
          error: null,
          activeIndex: sameText ? Math.min(get().activeIndex, Math.max(0, page.total - 1)) : 0,
        });
      }
    } catch (error) {
      if (asked === generation) set({ listStatus: 'failed', error: api.messageOf(error) });
    } finally {
      firstPageInFlight = false;
    }
    if (firstPageWanted || asked !== generation) {
      firstPageWanted = false;
      await loadFirstPage();
    }
  }

  function queryChanged(query: RegisterQuery) {
    generation += 1;
    set({ query });
    void loadFirstPage();
  }

  async function loadPage(page: number) {
    if (pagesInFlight.has(page)) return;
    pagesInFlight.add(page);
    const asked = generation;
    try {
      const result = await fetchPage(get().query, page);
      if (asked === generation) set({ pages: { ...get().pages, [page]: result.items }, total: result.total });
    } catch (error) {
      if (asked === generation) set({ error: api.messageOf(error) });
    } finally {
      if (asked === generation) pagesInFlight.delete(page);
    }
  }

  return {
    async registerOpened() {
      generation += 1;
      await loadFirstPage();
    },

    searchTyped(text) {
      queryChanged({ ...get().query, text });
    },

    filtersChosen(filters) {
      queryChanged({ ...get().query, ...filters });
    },

    filtersCleared() {
      queryChanged({ ...get().query, status: null, year: null, classification: null });
    },

    sortChosen(sort, direction) {
      queryChanged({ ...get().query, sort, direction });
    },

    linesNeeded(first, last) {
      const { pages, total, listStatus } = get();
      if (listStatus !== 'ready' || total === 0) return;
      const lastLine = Math.min(last, total - 1);
      for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(lastLine / PAGE_SIZE); page++) {
        if (!pages[page]) void loadPage(page);
      }
    },

    lineActivated(index) {
      const { total } = get();
      set({ activeIndex: Math.max(0, Math.min(index, total - 1)) });
    },

    recordChanged(record) {
      const { pages } = get();
      let changed = false;
      const next: Record<number, RegisterLine[]> = {};
      for (const [page, lines] of Object.entries(pages)) {
        next[Number(page)] = lines.map((line) => {
          if (line.id !== record.id) return line;
          changed = true;
          return summaryOf(record, line);
        });
      }
      if (changed) set({ pages: next });
    },
  };
};

/** The words of a search as the service splits them, for highlighting before its answer names them. */
function termsOf(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
