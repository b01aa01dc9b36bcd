// What can happen to the register, named as events: each calls the API and records the outcome.

import type { StateCreator } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { Page } from '../../../../electron/core/domain/views.ts';
import { api } from '../../api.ts';
import { downloadFile } from '../../download.ts';
import { UNTITLED } from '../../format.ts';
import { initialBinState, PAGE_SIZE, type RegisterLine, type RegisterQuery, type RegisterSort } from './query.ts';
import type { RecordsStore } from './store.ts';

/** How many late records the register's notice names; it says how many there are in all. */
export const LATE_LISTED = 10;

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
  /** The register or the bin was chosen; the bin loads afresh each time it is shown. */
  shownChosen(shown: 'register' | 'bin'): Promise<void>;
  /** Show more of the bin was chosen. */
  binMoreRequested(): Promise<void>;
  /** The open draft was deleted to the bin: the register shows without it, with Undo. */
  draftBinned(draft: { id: string; title: string }): Promise<void>;
  /** Restore (in the bin) or Undo (after a deletion): the draft goes back into the register. */
  restoreRequested(draft: { id: string; title: string }): Promise<boolean>;
  noticeDismissed(): void;
  /** Publication pack (zip) was chosen: the application makes it, and it is handed over as a download. */
  publicationPackRequested(): Promise<void>;
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
function fetchPage(query: RegisterQuery, page: number): Promise<Page<RegisterLine> & { capped?: boolean }> {
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
          capped: page.capped ?? false,
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
      if (asked === generation)
        set({ pages: { ...get().pages, [page]: result.items }, total: result.total, capped: result.capped ?? false });
    } catch (error) {
      if (asked === generation) set({ error: api.messageOf(error) });
    } finally {
      if (asked === generation) pagesInFlight.delete(page);
    }
  }

  // As for the register: an answer for an older showing of the bin is dropped.
  let binGeneration = 0;

  async function loadBin(offset: number) {
    const asked = binGeneration;
    const bin = get().bin;
    set({ bin: { ...bin, status: offset === 0 && bin.status !== 'ready' ? 'loading' : bin.status, error: null } });
    try {
      const page = await api.call('records.list', { bin: true, limit: PAGE_SIZE, offset });
      if (asked !== binGeneration) return;
      const items =
        offset === 0
          ? page.items
          : [...get().bin.items, ...page.items.filter((i) => !get().bin.items.some((o) => o.id === i.id))];
      set({ bin: { ...get().bin, items, total: page.total, status: 'ready', error: null } });
    } catch (error) {
      if (asked === binGeneration) set({ bin: { ...get().bin, status: 'failed', error: api.messageOf(error) } });
    }
  }

  // The late records are asked for with each refresh of the register (not each keystroke of a search): how many, and
  // the few waiting longest, which the notice lists.
  let lateAsked = 0;
  async function loadLate() {
    const asked = ++lateAsked;
    try {
      const late = await api.call('records.late', { limit: LATE_LISTED });
      if (asked === lateAsked) set({ late });
    } catch {
      // A courtesy: without it the register still shows; the next refresh asks again.
      if (asked === lateAsked) set({ late: null });
    }
  }

  return {
    async registerOpened() {
      generation += 1;
      await Promise.all([loadFirstPage(), loadLate()]);
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

    async shownChosen(shown) {
      if (get().shown !== shown) set({ shown, notice: null });
      if (shown === 'bin') {
        binGeneration += 1;
        await loadBin(0);
      } else {
        await get().registerOpened();
      }
    },

    async binMoreRequested() {
      const { bin } = get();
      if (bin.status !== 'ready' || bin.items.length >= bin.total) return;
      await loadBin(bin.items.length);
    },

    async draftBinned(draft) {
      binGeneration += 1;
      // The bin is read afresh when next shown; the register is read again without the draft.
      set({
        shown: 'register',
        bin: initialBinState,
        notice: { kind: 'saved', message: 'Draft moved to the bin', undo: draft },
      });
      await get().registerOpened();
    },

    async restoreRequested({ id, title }) {
      if (get().bin.restoring) return false;
      set({ bin: { ...get().bin, restoring: id } });
      try {
        await api.call('records.restoreFromBin', { id });
      } catch (error) {
        set({
          bin: { ...get().bin, restoring: null },
          notice: { kind: 'error', message: `The draft was not restored. ${api.messageOf(error)}` },
        });
        return false;
      }
      const bin = get().bin;
      const items = bin.items.filter((item) => item.id !== id);
      set({
        bin: { ...bin, items, total: Math.max(0, bin.total - (bin.items.length - items.length)), restoring: null },
        notice: { kind: 'saved', message: `\u201c${title || UNTITLED}\u201d is back in the register.` },
      });
      await get().registerOpened();
      return true;
    },

    noticeDismissed() {
      set({ notice: null });
    },

    async publicationPackRequested() {
      if (get().pack.exporting) return;
      set({ pack: { exporting: true, notice: null } });
      try {
        const file = await api.call('export.publicationPack', {});
        downloadFile(file);
        set({ pack: { exporting: false, notice: { kind: 'saved', message: `Exported ${file.fileName}.` } } });
      } catch (error) {
        set({
          pack: {
            exporting: false,
            notice: { kind: 'error', message: `The publication pack was not exported. ${api.messageOf(error)}` },
          },
        });
      }
    },
  };
};

/** The words of a search as the service splits them, for highlighting before its answer names them. */
function termsOf(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
