// How views read the register store: one selector per question, so components re-render only on what they use.

import type { RecordsStore } from './store.ts';

export const recordsSelectors = {
  summaries: (s: RecordsStore) => s.summaries,
  total: (s: RecordsStore) => s.total,
  isLoading: (s: RecordsStore) => s.listStatus === 'idle' || s.listStatus === 'loading',
  isEmpty: (s: RecordsStore) => s.listStatus === 'ready' && s.summaries.length === 0,
  error: (s: RecordsStore) => s.error,
};
