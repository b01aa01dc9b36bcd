// What can happen to the register, named as events: each calls the API and records the outcome.

import type { StateCreator } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { RecordSummary } from '../../../../electron/core/domain/views.ts';
import { api } from '../../api.ts';
import type { RecordsStore } from './store.ts';

export interface RecordsActions {
  /** The register came into view: load its first page, newest change first. */
  recordsListOpened(): Promise<void>;
  /** A record was created or saved elsewhere in the window: show its current line at the top. */
  recordChanged(record: DecisionRecord): void;
  errorDismissed(): void;
}

/** The register line for a record, as records.list would give it. */
export function summaryOf(record: DecisionRecord, previous?: RecordSummary): RecordSummary {
  return {
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

export const createRecordsActions: StateCreator<RecordsStore, [], [], RecordsActions> = (set, get) => {
  // Only the latest load may fill the list, so a slow earlier answer cannot overwrite a newer one.
  let latestLoad = 0;

  return {
    async recordsListOpened() {
      const load = ++latestLoad;
      set({ listStatus: 'loading', error: null });
      try {
        const page = await api.call('records.list', { sort: 'updated', direction: 'desc' });
        if (load === latestLoad) set({ summaries: page.items, total: page.total, listStatus: 'ready' });
      } catch (error) {
        if (load === latestLoad) set({ listStatus: 'failed', error: api.messageOf(error) });
      }
    },

    recordChanged(record) {
      const { summaries, total } = get();
      const previous = summaries.find((summary) => summary.id === record.id);
      set({
        summaries: [summaryOf(record, previous), ...summaries.filter((summary) => summary.id !== record.id)],
        total: previous ? total : total + 1,
      });
    },

    errorDismissed() {
      set({ error: null });
    },
  };
};
