// The open record's store: the record as last saved, the edits not yet saved, and what happened to the last save.

import { create } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { createEditorActions, type EditorActions } from './actions.ts';

export interface EditorNotice {
  kind: 'saved' | 'info' | 'conflict' | 'error';
  message: string;
}

export interface EditorState {
  /** The record as the application last returned it. */
  record: DecisionRecord | null;
  /** The title as typed, saved only when the person chooses Save. */
  titleDraft: string;
  phase: 'closed' | 'creating' | 'loading' | 'editing' | 'saving';
  notice: EditorNotice | null;
}

export type EditorStore = EditorState & EditorActions;

export const initialEditorState: EditorState = {
  record: null,
  titleDraft: '',
  phase: 'closed',
  notice: null,
};

export const useEditorStore = create<EditorStore>()((...args) => ({
  ...initialEditorState,
  ...createEditorActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetEditorStore(): void {
  useEditorStore.setState(initialEditorState);
}
