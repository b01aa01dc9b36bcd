// What can happen to the open record, named as events: each calls the API and keeps the register in step.

import type { StateCreator } from 'zustand';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { api } from '../../api.ts';
import { useRecordsStore } from '../records/store.ts';
import type { EditorStore } from './store.ts';

export interface EditorActions {
  /** New record was chosen: create a draft, add it to the register and open it. */
  newRecordRequested(): Promise<DecisionRecord | null>;
  /** A record was chosen in the register. */
  recordOpened(id: string): Promise<void>;
  titleEdited(title: string): void;
  /** Save was chosen: save the edits on the revision they were made on; a newer revision is a conflict. */
  saveRequested(): Promise<void>;
  /** After a conflict, the person chose to see the newer version (their unsaved edits are set aside). */
  latestVersionRequested(): Promise<void>;
  editorClosed(): void;
}

export const createEditorActions: StateCreator<EditorStore, [], [], EditorActions> = (set, get) => {
  // A record chosen later wins over one still loading.
  let latestOpen = 0;

  function show(record: DecisionRecord, notice: EditorStore['notice'] = null) {
    set({ record, titleDraft: record.title, phase: 'editing', notice });
  }

  async function load(id: string, notice: EditorStore['notice'] = null) {
    const open = ++latestOpen;
    set({ phase: 'loading', notice: null });
    try {
      const record = await api.call('records.get', { id });
      if (open === latestOpen) show(record, notice);
    } catch (error) {
      if (open === latestOpen) set({ phase: get().record ? 'editing' : 'closed', notice: { kind: 'error', message: api.messageOf(error) } });
    }
  }

  return {
    async newRecordRequested() {
      const open = ++latestOpen;
      set({ phase: 'creating', notice: null });
      try {
        const record = await api.call('records.create', {});
        useRecordsStore.getState().recordChanged(record);
        if (open === latestOpen) show(record);
        return record;
      } catch (error) {
        if (open === latestOpen) {
          set({
            phase: get().record ? 'editing' : 'closed',
            notice: { kind: 'error', message: `The new record was not created. ${api.messageOf(error)}` },
          });
        }
        return null;
      }
    },

    recordOpened: (id) => load(id),

    titleEdited(title) {
      set({ titleDraft: title, notice: get().notice?.kind === 'conflict' ? get().notice : null });
    },

    async saveRequested() {
      const { record, titleDraft, phase } = get();
      if (!record || phase === 'saving') return;
      set({ phase: 'saving', notice: null });
      try {
        const saved = await api.call('records.save', {
          id: record.id,
          baseRevision: record.revision,
          patch: { title: titleDraft },
          mode: 'explicit',
        });
        useRecordsStore.getState().recordChanged(saved);
        // Keep typing made while the save was on its way.
        set({ record: saved, phase: 'editing', notice: { kind: 'saved', message: 'Saved.' } });
      } catch (error) {
        const conflict = error instanceof DeskError && error.code === 'conflict';
        set({
          phase: 'editing',
          notice: conflict
            ? {
                kind: 'conflict',
                message:
                  'This record was changed elsewhere since you opened it, so your changes were not saved. ' +
                  'Nothing was overwritten. Copy anything you want to keep, then load the latest version.',
              }
            : { kind: 'error', message: `Not saved. ${api.messageOf(error)}` },
        });
      }
    },

    async latestVersionRequested() {
      const { record } = get();
      if (record) await load(record.id, { kind: 'info', message: 'This is the latest saved version.' });
    },

    editorClosed() {
      latestOpen++;
      set({ record: null, titleDraft: '', phase: 'closed', notice: null });
    },
  };
};
