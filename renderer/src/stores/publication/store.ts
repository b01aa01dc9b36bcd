// The open record's publication, for its Publication panel: what supersedes it, what its public copy contains (read
// back from the file by the application), and withdrawing it.

import { create } from 'zustand';
import type { FileContents } from '../../../../electron/core/domain/contents.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { api } from '../../api.ts';
import type { NoticeContent } from '../notice.ts';
import { useEditorStore } from '../editor/store.ts';
import { useRecordsStore } from '../records/store.ts';

export interface ContentsCheck {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  files: FileContents[];
  error: string | null;
}

export interface PublicationState {
  /** The record the rest of the state is about. */
  recordId: string | null;
  /** The references of the later decisions that supersede it. */
  supersededBy: string[];
  contents: ContentsCheck;
  withdrawing: boolean;
  notice: NoticeContent | null;
}

export interface PublicationActions {
  /**
   * The panel shows a decided or published record. A decided record not yet published has its public copy checked
   * at once: it is published automatically, so this is the last look before it goes out.
   */
  publicationShown(record: DecisionRecord): Promise<void>;
  /** "What the public copy contains" was asked for (or asked again). */
  contentsRequested(id: string): Promise<void>;
  /** Withdraw was confirmed with a reason; resolves to whether it was withdrawn (when not, the notice says why). */
  withdrawRequested(record: DecisionRecord, reason: string): Promise<boolean>;
}

export type PublicationStore = PublicationState & PublicationActions;

const NO_CONTENTS: ContentsCheck = { status: 'idle', files: [], error: null };

export const initialPublicationState: PublicationState = {
  recordId: null,
  supersededBy: [],
  contents: NO_CONTENTS,
  withdrawing: false,
  notice: null,
};

export const usePublicationStore = create<PublicationStore>()((set, get) => {
  // Answers for a record no longer shown (or an older request) are dropped.
  let latestSupersession = 0;
  let latestContents = 0;
  const stillShown = (id: string) => get().recordId === id;

  return {
    ...initialPublicationState,

    async publicationShown(record) {
      if (get().recordId !== record.id) set({ ...initialPublicationState, recordId: record.id });
      const mine = ++latestSupersession;
      const check =
        record.status === 'decided' && get().contents.status === 'idle' ? get().contentsRequested(record.id) : null;
      try {
        const supersededBy = await api.call('records.supersededBy', { id: record.id });
        if (mine === latestSupersession && stillShown(record.id)) set({ supersededBy });
      } catch {
        // The panel still shows the record; only "Superseded by" is left out until it is shown again.
      }
      await check;
    },

    async contentsRequested(id) {
      const mine = ++latestContents;
      set({ contents: { ...get().contents, status: 'loading', error: null } });
      try {
        const files = await api.call('export.contents', { id });
        if (mine === latestContents && stillShown(id)) set({ contents: { status: 'ready', files, error: null } });
      } catch (error) {
        if (mine === latestContents && stillShown(id)) {
          set({
            contents: {
              status: 'failed',
              files: [],
              error: `The public copy could not be checked. ${api.messageOf(error)}`,
            },
          });
        }
      }
    },

    async withdrawRequested(record, reason) {
      if (get().withdrawing) return false;
      set({ withdrawing: true, notice: null });
      try {
        const withdrawn = await api.call('records.withdraw', { id: record.id, reason });
        useEditorStore.getState().recordReplaced(withdrawn);
        useRecordsStore.getState().recordChanged(withdrawn);
        if (stillShown(record.id)) {
          set({
            notice: {
              kind: 'saved',
              message: `${withdrawn.reference ?? 'The record'} is withdrawn. The register shows it marked withdrawn, with your reason.`,
            },
          });
        }
        return true;
      } catch (error) {
        if (stillShown(record.id))
          set({ notice: { kind: 'error', message: `Not withdrawn. ${api.messageOf(error)}` } });
        return false;
      } finally {
        set({ withdrawing: false });
      }
    },
  };
});

/** For tests: back to the state of a fresh window. */
export function resetPublicationStore(): void {
  usePublicationStore.setState(initialPublicationState);
}
