// How views read the open record's store.

import type { EditorStore } from './store.ts';

export const editorSelectors = {
  record: (s: EditorStore) => s.record,
  openRecordId: (s: EditorStore) => s.record?.id ?? null,
  titleDraft: (s: EditorStore) => s.titleDraft,
  phase: (s: EditorStore) => s.phase,
  notice: (s: EditorStore) => s.notice,
  isCreating: (s: EditorStore) => s.phase === 'creating',
  isSaving: (s: EditorStore) => s.phase === 'saving',
  hasUnsavedChanges: (s: EditorStore) => s.record !== null && s.titleDraft !== s.record.title,
};
