// How views read the open record's store: one selector per question, so components re-render only on what they use.

import { isEditable } from '../../../../electron/core/domain/workflow.ts';
import { canBeDeleted } from './draft.ts';
import type { EditorStore } from './store.ts';

export const editorSelectors = {
  record: (s: EditorStore) => s.record,
  /** The open record's own template version, when known (else the device's current template applies). */
  recordTemplate: (s: EditorStore) => s.template,
  openRecordId: (s: EditorStore) => s.record?.id ?? null,
  draft: (s: EditorStore) => s.draft,
  contentVersion: (s: EditorStore) => s.contentVersion,
  saveState: (s: EditorStore) => s.saveState,
  conflict: (s: EditorStore) => s.conflict,
  notice: (s: EditorStore) => s.notice,
  kept: (s: EditorStore) => s.kept,
  isBusy: (s: EditorStore) => s.phase === 'creating' || s.phase === 'loading',
  /** Whether the open record's content may be changed: only a draft's. */
  isEditable: (s: EditorStore) => s.record !== null && isEditable(s.record.status),
  /** Whether the open record may be deleted to the bin: a draft that never had a reference. */
  canBeDeleted: (s: EditorStore) => s.record !== null && canBeDeleted(s.record),
};
