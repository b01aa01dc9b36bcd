// What can happen in the history, named as events: list the revisions, look at one, restore one.

import type { StateCreator } from 'zustand';
import { api } from '../../api.ts';
import { useEditorStore } from '../editor/store.ts';
import type { HistoryStore } from './store.ts';

export interface HistoryActions {
  /** History was chosen: save what is typed (so it is in the list), then list the open record's revisions. */
  historyOpened(): Promise<void>;
  historyClosed(): void;
  /** A revision was chosen: show it, and its printed form as it stood then. */
  revisionChosen(revision: number): Promise<void>;
  /** Restore was chosen for the revision being looked at: it becomes a new revision; nothing is lost. */
  restoreRequested(): Promise<void>;
}

export const createHistoryActions: StateCreator<HistoryStore, [], [], HistoryActions> = (set, get) => {
  let latestChoice = 0;

  async function list(recordId: string) {
    set({ status: 'loading' });
    try {
      const revisions = await api.call('records.history', { id: recordId });
      if (get().recordId === recordId) set({ revisions, status: 'ready' });
    } catch (error) {
      if (get().recordId === recordId)
        set({ status: 'failed', notice: { kind: 'error', message: api.messageOf(error) } });
    }
  }

  return {
    async historyOpened() {
      const editor = useEditorStore.getState();
      const record = editor.record;
      if (!record) return;
      set({
        open: true,
        recordId: record.id,
        revisions: [],
        viewing: null,
        viewingHtml: null,
        viewingError: null,
        notice: null,
        status: 'loading',
      });
      await editor.pendingEditsSaved();
      await list(record.id);
    },

    historyClosed() {
      latestChoice += 1;
      set({ open: false, viewing: null, viewingHtml: null, viewingError: null, notice: null });
    },

    async revisionChosen(revision) {
      const { recordId } = get();
      if (!recordId) return;
      const choice = ++latestChoice;
      set({ notice: null });
      // The printed form of that revision is asked for at once, so both arrive together.
      const printed = api.call('export.preview', { id: recordId, revision }).then(
        ({ html }) => ({ html, error: null }),
        (error: unknown) => ({ html: null, error: `The printed form could not be made. ${api.messageOf(error)}` }),
      );
      try {
        const viewing = await api.call('records.revision', { id: recordId, revision });
        const { html, error } = await printed;
        if (choice === latestChoice) set({ viewing, viewingHtml: html, viewingError: error });
      } catch (error) {
        if (choice === latestChoice) set({ notice: { kind: 'error', message: api.messageOf(error) } });
      }
    },

    async restoreRequested() {
      const { viewing, recordId, restoring } = get();
      const editor = useEditorStore.getState();
      if (!viewing || !recordId || restoring || editor.record?.id !== recordId) return;
      set({ restoring: true, notice: null });
      try {
        if (!(await editor.pendingEditsSaved())) {
          set({
            notice: { kind: 'error', message: 'Not restored: the latest changes are not saved yet. Save them first.' },
          });
          return;
        }
        const current = useEditorStore.getState().record!;
        const restored = await api.call('records.restore', {
          id: recordId,
          revision: viewing.revision,
          baseRevision: current.revision,
        });
        useEditorStore.getState().recordReplaced(restored);
        set({
          notice: {
            kind: 'saved',
            message: `Revision ${viewing.revision} was restored as revision ${restored.revision}. The version it replaced is still in the history.`,
          },
        });
        await list(recordId);
      } catch (error) {
        set({ notice: { kind: 'error', message: `Not restored. ${api.messageOf(error)}` } });
      } finally {
        set({ restoring: false });
      }
    },
  };
};
