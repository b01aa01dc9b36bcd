// Submitting a record for signatures from the record view: the save first, what is still missing, and why a
// record came back as a draft (the latest decline or return, from the audit trail).

import { create } from 'zustand';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import type { DecisionRecord, RecordStatus } from '../../../../electron/core/domain/record.ts';
import type { MissingField } from '../../../../electron/core/domain/signing.ts';
import { api } from '../../api.ts';
import type { NoticeContent } from '../notice.ts';
import { useRecordsStore } from '../records/store.ts';
import { latestReturn, type ReturnNote } from './selectors.ts';

export interface SubmitState {
  /** The record the rest of the state is about. */
  recordId: string | null;
  phase: 'idle' | 'submitting';
  /** What the record still needs, as the service listed it when submission was refused. */
  missing: MissingField[];
  notice: NoticeContent | null;
  /** Why the record is a draft again, if it was declined or returned. */
  returnNote: ReturnNote | null;
}

export interface SubmitActions {
  /**
   * Submit for signatures was chosen. `saveFirst` saves any edits not yet saved and resolves to the record as
   * saved (null when the save failed, which the editor has already reported). Resolves to the submitted record.
   */
  submitRequested(
    record: DecisionRecord,
    saveFirst: () => Promise<DecisionRecord | null>,
  ): Promise<DecisionRecord | null>;
  /** The record view shows a record: load why it was returned, if it was. */
  recordShown(id: string, status: RecordStatus): Promise<void>;
}

export type SubmitStore = SubmitState & SubmitActions;

export const initialSubmitState: SubmitState = {
  recordId: null,
  phase: 'idle',
  missing: [],
  notice: null,
  returnNote: null,
};

function missingOf(error: unknown): MissingField[] {
  if (!(error instanceof DeskError) || error.code !== 'invalid-input') return [];
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  if (!Array.isArray(missing)) return [];
  return missing.filter(
    (item): item is MissingField => typeof item?.field === 'string' && typeof item?.message === 'string',
  );
}

export const useSubmitStore = create<SubmitStore>()((set, get) => {
  // Only the latest audit answer may fill the note; a submission reports only while its record is still shown.
  let latestAudit = 0;
  const stillShown = (id: string) => get().recordId === id;

  return {
    ...initialSubmitState,

    async submitRequested(record, saveFirst) {
      if (get().phase === 'submitting') return null;
      set({ recordId: record.id, phase: 'submitting', missing: [], notice: null });
      const saved = await saveFirst().catch(() => null);
      if (!saved) {
        set({
          phase: 'idle',
          notice: { kind: 'error', message: 'Not submitted: your latest changes could not be saved first.' },
        });
        return null;
      }
      try {
        const submitted = await api.call('records.submit', { id: saved.id, baseRevision: saved.revision });
        useRecordsStore.getState().recordChanged(submitted);
        set({ phase: 'idle' });
        if (stillShown(record.id)) {
          set({
            returnNote: null,
            notice: {
              kind: 'saved',
              message: submitted.reference
                ? `Submitted for signatures as ${submitted.reference}. Its content is now locked.`
                : 'Submitted for signatures. Its content is now locked. The shared folder could not be reached, so its reference is pending: the next sync gives it one.',
            },
          });
        }
        return submitted;
      } catch (error) {
        set({ phase: 'idle' });
        const missing = missingOf(error);
        if (stillShown(record.id)) {
          set({
            missing,
            notice: {
              kind: 'error',
              message:
                missing.length > 0
                  ? 'Not submitted: the record is not complete yet.'
                  : `Not submitted. ${api.messageOf(error)}`,
            },
          });
        }
        return null;
      }
    },

    async recordShown(id, status) {
      const mine = ++latestAudit;
      const sameRecord = get().recordId === id;
      set({
        recordId: id,
        returnNote: sameRecord && status === 'draft' ? get().returnNote : null,
        missing: sameRecord && status === 'draft' ? get().missing : [],
        // "Submitted for signatures…" belongs to that moment: once the record moves on (decided, published, back to
        // draft) it would only mislead.
        notice: sameRecord && status === 'awaiting-signatures' ? get().notice : null,
      });
      if (status !== 'draft') return;
      try {
        const audit = await api.call('records.audit', { id });
        if (mine === latestAudit) set({ returnNote: latestReturn(audit) });
      } catch {
        // The note is a courtesy: without the audit trail the record is still shown and can still be submitted.
      }
    },
  };
});

/** For tests: back to the state of a fresh window. */
export function resetSubmitStore(): void {
  useSubmitStore.setState(initialSubmitState);
}
