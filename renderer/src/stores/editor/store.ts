// The open record's store: the record as last saved, the content as the person sees it, and how saving is going.

import { create } from 'zustand';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { onViewLeft } from '../ui/store.ts';
import { createEditorActions, type EditorActions } from './actions.ts';
import type { EditableContent } from './draft.ts';
import type { KeptEdits } from './kept.ts';

export interface EditorNotice {
  kind: 'saved' | 'info' | 'conflict' | 'error';
  message: string;
}

/** The status line: what happened to the person's last edits. */
export type SaveState =
  | { kind: 'saved'; at: string }
  /** Edits made, waiting for a pause in typing. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; retrying: boolean }
  /** The record changed elsewhere; saving waits until the person chooses a version. */
  | { kind: 'conflict' };

export interface EditorState {
  /** The record as the application last returned it. */
  record: DecisionRecord | null;
  /**
   * The template version the open record was made with (templates.get): its form, labels, sections and choices.
   * null until known, or when it could not be had: the device's current template is shown instead.
   */
  template: OfficeTemplate | null;
  /**
   * The content as the person sees it. The rich-text sections are read from their editors only when saving, so
   * between saves these three may be behind what is on screen.
   */
  draft: EditableContent | null;
  /** Goes up whenever the draft is replaced from outside (opened, restored, the other version taken): editors reload. */
  contentVersion: number;
  phase: 'closed' | 'creating' | 'loading' | 'ready';
  saveState: SaveState;
  /** The other version, when a save found the record changed elsewhere. */
  conflict: DecisionRecord | null;
  /** Why a record could not be created or opened. */
  notice: EditorNotice | null;
  /**
   * Edits to the open record that this window kept but never saw saved (the application was down, the tab was
   * reloaded or crashed), found on opening it: offered back to restore or discard.
   */
  kept: KeptEdits | null;
  /**
   * The printed heading of the section the cursor is in (the template's label, as the PDF's outline names it; the
   * form's heading for the fields above the first section), or null outside the form: the preview follows it.
   */
  focusedSection: string | null;
}

export type EditorStore = EditorState & EditorActions;

export const initialEditorState: EditorState = {
  record: null,
  template: null,
  draft: null,
  contentVersion: 0,
  phase: 'closed',
  saveState: { kind: 'saved', at: '' },
  conflict: null,
  notice: null,
  kept: null,
  focusedSection: null,
};

export const useEditorStore = create<EditorStore>()((...args) => ({
  ...initialEditorState,
  ...createEditorActions(...args),
}));

// Leaving the record for another view saves it, as leaving a field does.
onViewLeft((from) => {
  if (from === 'record') void useEditorStore.getState().recordLeft();
});

/** For tests: back to the state of a fresh window. */
export function resetEditorStore(): void {
  useEditorStore.getState().editorReset();
  useEditorStore.setState(initialEditorState);
}
