// How views read the register store: one selector per question, so components re-render only on what they use.

import type { RecordsStore } from './store.ts';

export const recordsSelectors = {
  query: (s: RecordsStore) => s.query,
  searchText: (s: RecordsStore) => s.query.text,
  pages: (s: RecordsStore) => s.pages,
  total: (s: RecordsStore) => s.total,
  capped: (s: RecordsStore) => s.capped,
  terms: (s: RecordsStore) => s.terms,
  shownText: (s: RecordsStore) => s.shownText,
  activeIndex: (s: RecordsStore) => s.activeIndex,
  isLoading: (s: RecordsStore) => s.listStatus === 'idle' || s.listStatus === 'loading',
  isFiltered: (s: RecordsStore) => s.query.status !== null || s.query.year !== null || s.query.classification !== null,
  /** No records match, and the answer is for what is typed now. */
  isEmpty: (s: RecordsStore) => s.listStatus === 'ready' && s.total === 0,
  error: (s: RecordsStore) => s.error,
  shown: (s: RecordsStore) => s.shown,
  bin: (s: RecordsStore) => s.bin,
  /** More of the bin to load than is shown. */
  binHasMore: (s: RecordsStore) => s.bin.status === 'ready' && s.bin.items.length < s.bin.total,
  notice: (s: RecordsStore) => s.notice,
  late: (s: RecordsStore) => s.late,
  pack: (s: RecordsStore) => s.pack,
};
