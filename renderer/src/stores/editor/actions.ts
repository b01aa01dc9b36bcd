// What can happen to the open record, named as events: opening, editing, autosaving, conflicts and their choices.

import type { StateCreator } from 'zustand';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import {
  type DecisionRecord,
  DecisionRecordSchema,
  type SectionValue,
} from '../../../../electron/core/domain/record.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { isEditable } from '../../../../electron/core/domain/workflow.ts';
import { api } from '../../api.ts';
import { printForm } from '../../print.ts';
import { useRecordsStore } from '../records/store.ts';
import { useUiStore } from '../ui/store.ts';
import {
  canBeDeleted,
  type EditableContent,
  editableContentOf,
  fieldsThatDiffer,
  patchBetween,
  type RichTextKey,
  signOffsWithDecider,
  withRichText,
  withSection,
} from './draft.ts';
import { forgetEdits, keepEdits, keptEditsOf } from './kept.ts';
import type { EditorStore } from './store.ts';

/** How long typing must pause before an autosave. */
export const AUTOSAVE_DELAY_MS = 500;
/** Waits before trying a failed save again, when the failure may pass (the application busy or restarting). */
export const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000] as const;

type SaveMode = 'auto' | 'explicit';

export interface EditorActions {
  /** New record was chosen: save the open one, create a draft and open it. */
  newRecordRequested(): Promise<DecisionRecord | null>;
  /** A record was chosen in the register (or opened from outside). */
  recordOpened(id: string): Promise<void>;
  /** A field other than the rich-text sections was changed. */
  fieldEdited<F extends keyof EditableContent>(field: F, value: EditableContent[F]): void;
  /** A template's extra section (yes/no, people, date) was changed: its value replaces the one of its id. */
  sectionEdited(value: SectionValue): void;
  /** Another decision maker was chosen: the deciding sign-off becomes theirs, the officers' stay as typed. */
  decisionMakerChosen(role: string, template: Pick<OfficeTemplate, 'signatories'>): void;
  /**
   * A rich-text editor appeared (a built-in section, or a template's rich-text section by its path): it gives the
   * function that reads its text, and gets back one to call on leaving.
   */
  richTextMounted(field: RichTextKey, read: () => string): () => void;
  /** Typing in a rich-text section: only noted; the text is read when it is saved. */
  richTextEdited(field: RichTextKey): void;
  /** The cursor left a field: save now rather than after the pause. */
  fieldLeft(): void;
  /** The cursor went into a section of the form, named by its printed heading (null: out of the form). */
  sectionFocused(heading: string | null): void;
  /** The window lost the focus or is being hidden or closed. */
  windowLeft(): void;
  /** The person left the record for another view. */
  recordLeft(): Promise<void>;
  /** Ctrl+S or Save: save now, as a revision of its own. */
  saveRequested(): Promise<void>;
  /** Retry after "Not saved". */
  retryRequested(): Promise<void>;
  /** After a conflict: keep this window's version (saved over the other, which stays in the history) or take the other. */
  conflictResolved(choice: 'mine' | 'theirs'): Promise<void>;
  /** Saves whatever is waiting; true when nothing is left unsaved (used before exports, restores and switching records). */
  pendingEditsSaved(): Promise<boolean>;
  /**
   * Ctrl+P or File > Print: save what is typed, then print the form (the app's print dialog, or the browser's print
   * of the form alone). Resolves to whether it went to print; when it cannot, the notice says why.
   */
  printRequested(): Promise<boolean>;
  /** Restore the edits this window kept but never saw saved: they are saved as any edit is (on an old base: a conflict). */
  keptEditsRestored(): Promise<void>;
  /** Drop the kept edits: the record stays as saved. */
  keptEditsDiscarded(): void;
  /**
   * Delete draft was confirmed: its edits are saved, then it goes to the bin, the record closes and the register shows
   * without it. Resolves to whether it was deleted; when not, the notice says why and the draft stays open.
   */
  draftDeleteRequested(): Promise<boolean>;
  /** A new revision was made outside the editor (a restore): show it. */
  recordReplaced(record: DecisionRecord): void;
  /** For tests and closing: stops timers and forgets the editors. */
  editorReset(): void;
}

/** Failures that may pass by themselves, so the save is tried again without being asked. */
const TRANSIENT = new Set(['unavailable', 'internal']);

export const createEditorActions: StateCreator<EditorStore, [], [], EditorActions> = (set, get) => {
  // A record chosen later wins over one still loading.
  let latestOpen = 0;
  let autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  /** A print under way (saving, then the dialog): a second Ctrl+P while it lasts is the same request. */
  let printing = false;
  let inFlight: Promise<void> | null = null;
  let queued: SaveMode | null = null;
  /** Counts edits, so a save knows whether typing went on while it was on its way. */
  let edits = 0;
  const readers = new Map<RichTextKey, () => string>();
  const staleRichText = new Set<RichTextKey>();

  function stopTimers() {
    if (autosaveTimer) clearTimeout(autosaveTimer);
    if (retryTimer) clearTimeout(retryTimer);
    autosaveTimer = retryTimer = null;
  }

  function scheduleAutosave(delay = AUTOSAVE_DELAY_MS) {
    if (autosaveTimer) clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => {
      autosaveTimer = null;
      keepLocally();
      void save('auto');
    }, delay);
  }

  /**
   * Keeps the draft in the window's storage while it differs from the record as last saved, so a restart, reload
   * or crash loses nothing; forgets it once they agree (a save acknowledged).
   */
  function keepLocally() {
    const draft = collectDraft();
    const { record } = get();
    if (!record || !draft || !canEdit()) return;
    if (Object.keys(patchBetween(record, draft)).length === 0) {
      // Edits kept on an earlier visit and still on offer stay until the person restores or discards them.
      if (get().kept?.id !== record.id) forgetEdits(record.id);
      return;
    }
    keepEdits({ id: record.id, baseRevision: record.revision, content: draft, at: new Date().toISOString() });
  }

  function canEdit(): boolean {
    const { record, draft } = get();
    return record !== null && draft !== null && isEditable(record.status);
  }

  function edited() {
    edits += 1;
    failures = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const { saveState } = get();
    if (saveState.kind === 'conflict') return;
    if (saveState.kind !== 'pending' && saveState.kind !== 'saving') set({ saveState: { kind: 'pending' } });
    scheduleAutosave();
  }

  /** Reads the rich-text sections typed in since the last save into the draft. */
  function collectDraft(): EditableContent | null {
    const { draft } = get();
    if (!draft || staleRichText.size === 0) return draft;
    let next = { ...draft };
    for (const field of staleRichText) {
      const read = readers.get(field);
      if (read) next = withRichText(next, field, read());
    }
    staleRichText.clear();
    set({ draft: next });
    return next;
  }

  function show(record: DecisionRecord, kept: EditorStore['kept'] = null) {
    stopTimers();
    staleRichText.clear();
    failures = 0;
    set({
      record,
      draft: editableContentOf(record),
      contentVersion: get().contentVersion + 1,
      phase: 'ready',
      saveState: { kind: 'saved', at: record.updatedAt },
      conflict: null,
      notice: null,
      kept,
    });
  }

  /** Edits kept for a record on an earlier visit that it does not hold: worth offering back. */
  function keptFor(record: DecisionRecord): EditorStore['kept'] {
    const kept = keptEditsOf(record.id);
    if (!kept || !isEditable(record.status)) return null;
    if (fieldsThatDiffer(kept.content, editableContentOf(record)).length === 0) {
      // Saved after all (the save was acknowledged only after the window went): nothing to offer.
      forgetEdits(record.id);
      return null;
    }
    return kept;
  }

  function saved(record: DecisionRecord) {
    useRecordsStore.getState().recordChanged(record);
  }

  /** The other version from a conflict's details, checked (it came over the wire), or fetched if it is missing. */
  async function otherVersion(error: DeskError, id: string): Promise<DecisionRecord> {
    const current = (error.details as { current?: unknown } | undefined)?.current;
    const parsed = DecisionRecordSchema.safeParse(current);
    if (parsed.success && parsed.data.id === id) return parsed.data;
    return api.call('records.get', { id });
  }

  async function failed(error: unknown, id: string) {
    if (error instanceof DeskError && error.code === 'conflict') {
      try {
        const theirs = await otherVersion(error, id);
        if (get().record?.id !== id) return;
        const draft = collectDraft();
        if (draft && fieldsThatDiffer(draft, editableContentOf(theirs)).length === 0) {
          // The other version is this one (a save sent as the page closed arrived after all): nothing to choose.
          forgetEdits(id);
          show(theirs);
          saved(theirs);
          return;
        }
        set({ conflict: theirs, saveState: { kind: 'conflict' } });
        return;
      } catch (fetchError) {
        error = fetchError;
      }
    }
    if (get().record?.id !== id) return;
    const transient = error instanceof DeskError && TRANSIENT.has(error.code);
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
    failures += 1;
    set({ saveState: { kind: 'failed', message: api.messageOf(error), retrying: transient } });
    if (transient) {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void save('auto');
      }, delay);
    }
  }

  /** One save at a time; a save asked for meanwhile runs after it, with the strongest mode asked for. */
  async function save(mode: SaveMode): Promise<void> {
    if (inFlight) {
      queued = mode === 'explicit' || queued === 'explicit' ? 'explicit' : 'auto';
      return inFlight;
    }
    const { record, conflict } = get();
    if (!record || conflict || !canEdit()) return;
    if (autosaveTimer) clearTimeout(autosaveTimer);
    autosaveTimer = null;
    const draft = collectDraft()!;
    const patch = patchBetween(record, draft);
    if (Object.keys(patch).length === 0) {
      if (get().saveState.kind !== 'failed' || mode === 'explicit')
        set({ saveState: { kind: 'saved', at: record.updatedAt } });
      return;
    }
    const editsAtStart = edits;
    // Kept until this save (or a later one) is acknowledged.
    keepEdits({ id: record.id, baseRevision: record.revision, content: draft, at: new Date().toISOString() });
    set({ saveState: { kind: 'saving' } });
    inFlight = (async () => {
      try {
        const next = await api.call('records.save', { id: record.id, baseRevision: record.revision, patch, mode });
        if (get().record?.id !== next.id) return;
        failures = 0;
        const typedSince = edits !== editsAtStart || staleRichText.size > 0;
        set({ record: next, saveState: typedSince ? { kind: 'pending' } : { kind: 'saved', at: next.updatedAt } });
        // Acknowledged: the kept copy is forgotten, or, if typing went on, kept afresh on the new revision.
        keepLocally();
        if (typedSince) scheduleAutosave();
        saved(next);
      } catch (error) {
        await failed(error, record.id);
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
    if (queued) {
      const next = queued;
      queued = null;
      await save(next);
    }
  }

  async function settle(mode: SaveMode): Promise<boolean> {
    while (inFlight) await inFlight;
    await save(mode);
    while (inFlight) await inFlight;
    const { saveState } = get();
    return saveState.kind !== 'failed' && saveState.kind !== 'conflict';
  }

  async function openWith(load: () => Promise<DecisionRecord>, failure: string, phase: EditorStore['phase']) {
    const open = ++latestOpen;
    if (get().record && !(await settle('explicit'))) {
      set({
        notice: {
          kind: 'error',
          message: 'The open record has changes that are not saved yet, so it was kept open. Save it first.',
        },
      });
      useUiStore.getState().viewChosen('record');
      return null;
    }
    set({ phase, notice: null });
    try {
      const record = await load();
      // The record edits under the template version it was made with; the device's current one if that cannot be had.
      const template = await api.call('templates.get', { record: record.id }).catch(() => null);
      if (open !== latestOpen) return null;
      show(record, keptFor(record));
      set({ template });
      useUiStore.getState().viewChosen('record');
      return record;
    } catch (error) {
      if (open === latestOpen) {
        set({
          phase: get().record ? 'ready' : 'closed',
          notice: { kind: 'error', message: `${failure} ${api.messageOf(error)}` },
        });
      }
      return null;
    }
  }

  return {
    async newRecordRequested() {
      // A second press while the first record is being made would make two.
      if (get().phase === 'creating') return null;
      const record = await openWith(
        () => api.call('records.create', {}),
        'The new record was not created.',
        'creating',
      );
      if (record) useRecordsStore.getState().recordChanged(record);
      return record;
    },

    async recordOpened(id) {
      if (get().record?.id === id && get().phase === 'ready') {
        useUiStore.getState().viewChosen('record');
        return;
      }
      await openWith(() => api.call('records.get', { id }), 'The record could not be opened.', 'loading');
    },

    fieldEdited(field, value) {
      const { draft } = get();
      if (!draft || !canEdit()) return;
      set({ draft: { ...draft, [field]: value } });
      edited();
    },

    sectionEdited(value) {
      const { draft } = get();
      if (!draft || !canEdit()) return;
      set({ draft: { ...draft, sections: withSection(draft.sections, value) } });
      edited();
    },

    decisionMakerChosen(role, template) {
      const { draft } = get();
      if (!draft || !canEdit()) return;
      set({ draft: { ...draft, decisionMaker: role, signOffs: signOffsWithDecider(draft.signOffs, template, role) } });
      edited();
    },

    richTextMounted(field, read) {
      readers.set(field, read);
      return () => {
        if (readers.get(field) !== read) return;
        // The editor is going: keep what it holds before its reader goes with it.
        if (staleRichText.has(field)) collectDraft();
        readers.delete(field);
      };
    },

    richTextEdited(field) {
      if (!canEdit()) return;
      staleRichText.add(field);
      edited();
    },

    fieldLeft() {
      if (get().saveState.kind === 'pending') void save('auto');
    },

    sectionFocused(heading) {
      if (get().focusedSection !== heading) set({ focusedSection: heading });
    },

    windowLeft() {
      // The window may be going for good: what is on screen is kept before anything else.
      keepLocally();
      const kind = get().saveState.kind;
      if (kind === 'pending' || kind === 'failed') void save('explicit');
    },

    async recordLeft() {
      await settle('explicit');
    },

    async saveRequested() {
      failures = 0;
      await settle('explicit');
    },

    async retryRequested() {
      failures = 0;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await save('explicit');
    },

    async conflictResolved(choice) {
      const { conflict: theirs } = get();
      if (!theirs) return;
      if (choice === 'theirs') {
        forgetEdits(theirs.id);
        show(theirs);
        saved(theirs);
        return;
      }
      // Mine: save this window's content on top of the other version; the other stays in the record's history.
      collectDraft();
      set({ record: theirs, conflict: null, saveState: { kind: 'pending' } });
      await settle('explicit');
    },

    pendingEditsSaved: () => settle('explicit'),

    async printRequested() {
      const record = get().record;
      // The app's menu and the page both hear Ctrl+P on some systems: one print at a time.
      if (!record || printing) return false;
      printing = true;
      try {
        if (!(await settle('explicit'))) {
          set({
            notice: {
              kind: 'error',
              message: 'The record was not printed: the latest changes are not saved yet. Save them first.',
            },
          });
          return false;
        }
        return await printForm(record.id);
      } catch (error) {
        set({ notice: { kind: 'error', message: `The record was not printed. ${api.messageOf(error)}` } });
        return false;
      } finally {
        printing = false;
      }
    },

    async keptEditsRestored() {
      const { kept, record } = get();
      if (!kept || !record || record.id !== kept.id) return;
      let base = record;
      if (kept.baseRevision !== record.revision) {
        // Saved on the revision they were made on, so a record that moved on since is the usual conflict.
        try {
          base = await api.call('records.revision', { id: kept.id, revision: kept.baseRevision });
        } catch (error) {
          set({
            notice: { kind: 'error', message: `The kept changes could not be restored. ${api.messageOf(error)}` },
          });
          return;
        }
        if (get().record?.id !== kept.id) return;
      }
      stopTimers();
      staleRichText.clear();
      set({
        record: base,
        draft: kept.content,
        contentVersion: get().contentVersion + 1,
        kept: null,
        notice: null,
        saveState: { kind: 'pending' },
      });
      edits += 1;
      await settle('explicit');
    },

    keptEditsDiscarded() {
      const { kept } = get();
      if (!kept) return;
      forgetEdits(kept.id);
      set({ kept: null });
    },

    async draftDeleteRequested() {
      const { record } = get();
      if (!record || !canBeDeleted(record)) return false;
      // What goes to the bin is what the person last saw: a draft whose edits cannot be saved stays open.
      if (!(await settle('explicit')) || get().record?.id !== record.id) {
        set({
          notice: {
            kind: 'error',
            message:
              'The draft was not deleted: its last changes could not be saved. Save them (or choose a version) first, then delete it.',
          },
        });
        return false;
      }
      const title = get().record!.title;
      // Saved: nothing of it is kept in this window's storage to offer back later.
      forgetEdits(record.id);
      try {
        await api.call('records.delete', { id: record.id });
      } catch (error) {
        if (get().record?.id === record.id)
          set({ notice: { kind: 'error', message: `The draft was not deleted. ${api.messageOf(error)}` } });
        return false;
      }
      if (get().record?.id === record.id) {
        stopTimers();
        latestOpen += 1;
        staleRichText.clear();
        set({
          record: null,
          draft: null,
          template: null,
          phase: 'closed',
          saveState: { kind: 'saved', at: '' },
          conflict: null,
          notice: null,
        });
      }
      useUiStore.getState().viewChosen('register');
      await useRecordsStore.getState().draftBinned({ id: record.id, title });
      return true;
    },

    recordReplaced(record) {
      if (get().record?.id !== record.id) return;
      show(record);
      saved(record);
    },

    editorReset() {
      stopTimers();
      latestOpen += 1;
      queued = null;
      staleRichText.clear();
      readers.clear();
    },
  };
};
