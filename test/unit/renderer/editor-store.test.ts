// The open record's store: autosave timing (fake timers), saving on leaving, failures kept and retried, conflicts.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../../electron/core/domain/record.ts';
import { AUTOSAVE_DELAY_MS, RETRY_DELAYS_MS } from '../../../renderer/src/stores/editor/actions.ts';
import { editorSelectors } from '../../../renderer/src/stores/editor/selectors.ts';
import { resetEditorStore, useEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetUiStore, useUiStore } from '../../../renderer/src/stores/ui/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const editor = () => useEditorStore.getState();
const saves = () => fake.callsOf('records.save');

async function openNew(): Promise<DecisionRecord> {
  const record = await editor().newRecordRequested();
  if (!record) throw new Error('not created');
  return record;
}

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetUiStore();
  resetRecordsStore();
  resetEditorStore();
});

afterEach(() => {
  resetEditorStore();
  vi.useRealTimers();
  delete window.desk;
});

describe('opening and creating', () => {
  it('creates a draft prefilled from the settings and shows it in the record view', async () => {
    const record = await openNew();
    expect(record.originator).toBe('Chief Executive');
    expect(editor().draft?.originator).toBe('Chief Executive');
    expect(editor().phase).toBe('ready');
    expect(editor().saveState).toEqual({ kind: 'saved', at: record.updatedAt });
    expect(useUiStore.getState().view).toBe('record');
  });

  it('reports a failed creation and keeps what was open', async () => {
    fake.failNext('records.create', { code: 'unavailable', message: 'The database is busy.' });
    expect(await editor().newRecordRequested()).toBeNull();
    expect(editor().phase).toBe('closed');
    expect(editor().notice).toEqual({
      kind: 'error',
      message: 'The new record was not created. The database is busy.',
    });
  });

  it('saves pending edits of the open record before opening another, and the latest choice wins', async () => {
    const first = await openNew();
    const [second, third] = fake.seed(2);
    editor().fieldEdited('title', 'Typed just before switching');
    await Promise.all([editor().recordOpened(second!.id), editor().recordOpened(third!.id)]);
    expect(fake.records.get(first.id)?.title).toBe('Typed just before switching');
    expect(saves().at(-1)?.mode).toBe('explicit');
    expect(editor().record?.id).toBe(third!.id);
  });
});

describe('autosave', () => {
  it('saves once typing pauses for half a second, not before, with the base revision and mode "auto"', async () => {
    const record = await openNew();
    editor().fieldEdited('title', 'E');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    editor().fieldEdited('title', 'Estates');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    editor().fieldEdited('title', 'Estates strategy');
    expect(editorSelectors.saveState(editor())).toEqual({ kind: 'pending' });
    expect(saves()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saves()).toEqual([{ id: record.id, baseRevision: 1, patch: { title: 'Estates strategy' }, mode: 'auto' }]);
    expect(editor().record?.revision).toBe(2);
    expect(editor().saveState).toEqual({ kind: 'saved', at: editor().record!.updatedAt });
  });

  it('saves at once when the cursor leaves a field, and as an explicit revision on Ctrl+S', async () => {
    await openNew();
    editor().fieldEdited('originator', 'Chief Finance Officer');
    editor().fieldLeft();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves()).toHaveLength(1);
    expect(saves()[0]?.mode).toBe('auto');

    editor().fieldEdited('title', 'Saved by hand');
    await editor().saveRequested();
    expect(saves()).toHaveLength(2);
    expect(saves()[1]).toMatchObject({ baseRevision: 2, patch: { title: 'Saved by hand' }, mode: 'explicit' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 4);
    expect(saves()).toHaveLength(2);
  });

  it('saves explicitly when the window loses the focus with edits waiting', async () => {
    await openNew();
    editor().fieldEdited('title', 'Left for Outlook');
    editor().windowLeft();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves()).toEqual([expect.objectContaining({ mode: 'explicit', patch: { title: 'Left for Outlook' } })]);
  });

  it('reads rich text from its editor only when saving, and sends only what changed', async () => {
    await openNew();
    let text = 'First words';
    const read = vi.fn(() => text);
    const unmount = editor().richTextMounted('executiveSummary', read);
    editor().richTextEdited('executiveSummary');
    text = 'First words and more';
    editor().richTextEdited('executiveSummary');
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(read).toHaveBeenCalledTimes(1);
    expect(saves()[0]?.patch).toEqual({ executiveSummary: 'First words and more' });

    // An editor that goes away (the preview taken full width) leaves its unsaved text in the draft.
    text = 'Typed, then the form was hidden';
    editor().richTextEdited('executiveSummary');
    unmount();
    expect(editor().draft?.executiveSummary).toBe('Typed, then the form was hidden');
  });

  it('keeps typing made while a save is on its way, and saves it next', async () => {
    const record = await openNew();
    const release = fake.hold('records.save');
    editor().fieldEdited('title', 'Version one');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor().saveState.kind).toBe('saving');
    editor().fieldEdited('title', 'Version two, typed during the save');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(editor().saveState.kind).toBe('pending');
    expect(editor().draft?.title).toBe('Version two, typed during the save');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(fake.records.get(record.id)?.title).toBe('Version two, typed during the save');
    expect(saves().map((s) => s.baseRevision)).toEqual([1, 2]);
    expect(editor().saveState.kind).toBe('saved');
  });

  it('changes nothing on a locked record', async () => {
    const [locked] = fake.seed(1, () => ({ status: 'awaiting-signatures', reference: 'OPCC.D.001.26' }));
    await editor().recordOpened(locked!.id);
    expect(editorSelectors.isEditable(editor())).toBe(false);
    editor().fieldEdited('title', 'Should not stick');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(editor().draft?.title).toBe('');
    expect(saves()).toHaveLength(0);
  });
});

describe('failed saves', () => {
  it('keeps the edits and says why; tries again by itself when the failure may pass', async () => {
    const record = await openNew();
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().fieldEdited('title', 'Not to be lost');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor().saveState).toEqual({ kind: 'failed', message: 'Decision Desk is not responding.', retrying: true });
    expect(editor().draft?.title).toBe('Not to be lost');

    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]);
    expect(fake.records.get(record.id)?.title).toBe('Not to be lost');
    expect(editor().saveState.kind).toBe('saved');
  });

  it('waits for Retry when trying again would fail the same way', async () => {
    const record = await openNew();
    fake.failNext('records.save', {
      code: 'invalid-input',
      message: 'The record is not valid: title: must be at most 500 characters.',
    });
    editor().fieldEdited('title', 'Too long, say');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor().saveState).toMatchObject({ kind: 'failed', retrying: false });
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS.at(-1)! * 2);
    expect(saves()).toHaveLength(1);

    await editor().retryRequested();
    expect(fake.records.get(record.id)?.title).toBe('Too long, say');
    expect(editor().saveState.kind).toBe('saved');
  });

  it('keeps a record with unsaved edits open rather than switch away from it', async () => {
    const first = await openNew();
    const [other] = fake.seed(1);
    fake.failNext('records.save', { code: 'invalid-input', message: 'Refused.' });
    editor().fieldEdited('title', 'Unsaved');
    await editor().recordOpened(other!.id);
    expect(editor().record?.id).toBe(first.id);
    expect(editor().notice?.message).toMatch(/not saved yet/);
    expect(await editor().pendingEditsSaved()).toBe(true);
    expect(fake.records.get(first.id)?.title).toBe('Unsaved');
  });
});

describe('conflicts', () => {
  it('shows the other version and overwrites nothing; "keep mine" saves over it as a new revision', async () => {
    const record = await openNew();
    fake.changeElsewhere(record.id, { title: 'Changed on another laptop', decision: 'Their decision' });
    editor().fieldEdited('title', 'My title');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);

    expect(editor().saveState).toEqual({ kind: 'conflict' });
    expect(editor().conflict?.title).toBe('Changed on another laptop');
    expect(fake.records.get(record.id)?.title).toBe('Changed on another laptop');
    // While the person decides, nothing more is sent.
    editor().fieldEdited('title', 'My title, still typing');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(saves()).toHaveLength(1);

    await editor().conflictResolved('mine');
    expect(editor().conflict).toBeNull();
    expect(saves().at(-1)).toMatchObject({
      baseRevision: 2,
      mode: 'explicit',
      patch: { title: 'My title, still typing', decision: '' },
    });
    expect(fake.records.get(record.id)).toMatchObject({ title: 'My title, still typing', revision: 3 });
  });

  it('is no conflict when the other version is the same as this one', async () => {
    const record = await openNew();
    fake.changeElsewhere(record.id, { title: 'Sent as the page closed' });
    editor().fieldEdited('title', 'Sent as the page closed');
    await editor().saveRequested();
    expect(editor().conflict).toBeNull();
    expect(editor().saveState.kind).toBe('saved');
    expect(editor().record?.revision).toBe(2);
  });

  it('"take theirs" replaces the draft and reloads the editors', async () => {
    const record = await openNew();
    fake.changeElsewhere(record.id, { title: 'Theirs' });
    editor().fieldEdited('title', 'Mine');
    await editor().saveRequested();
    const version = editor().contentVersion;
    await editor().conflictResolved('theirs');
    expect(editor().draft?.title).toBe('Theirs');
    expect(editor().record?.revision).toBe(2);
    expect(editor().contentVersion).toBe(version + 1);
    expect(editor().saveState.kind).toBe('saved');
  });

  it('fetches the other version when the conflict did not carry it', async () => {
    const record = await openNew();
    fake.changeElsewhere(record.id, { title: 'Elsewhere' });
    fake.failNext('records.save', { code: 'conflict', message: 'Changed elsewhere.' });
    editor().fieldEdited('title', 'Mine');
    await editor().saveRequested();
    expect(editor().conflict?.title).toBe('Elsewhere');
  });
});

describe('edits kept in the window until a save of them is acknowledged', () => {
  const KEY = (id: string) => `decision-desk.unsaved.${id}`;
  const keptIn = (id: string) =>
    JSON.parse(window.localStorage.getItem(KEY(id)) ?? 'null') as Record<string, unknown> | null;
  /** A reload, or the window of an application that was restarted: the stores start afresh, the storage stays. */
  function reloadWindow() {
    resetEditorStore();
    resetRecordsStore();
    resetUiStore();
  }

  it('keeps edits, rich text included, while the application does not answer, and forgets them once saved', async () => {
    const record = await openNew();
    let text = 'Typed while the application was down';
    editor().richTextMounted('decision', () => text);
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().fieldEdited('title', 'Kept title');
    editor().richTextEdited('decision');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor().saveState.kind).toBe('failed');
    expect(keptIn(record.id)).toMatchObject({
      baseRevision: 1,
      content: { title: 'Kept title', decision: 'Typed while the application was down' },
    });

    text = 'Typed while the application was down, and more';
    editor().richTextEdited('decision');
    // Leaving the window (a reload, closing the tab) keeps what is on screen at once, before any save answers.
    const release = fake.hold('records.save');
    editor().windowLeft();
    expect(keptIn(record.id)).toMatchObject({
      content: { decision: 'Typed while the application was down, and more' },
    });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(editor().saveState.kind).toBe('saved');
    expect(keptIn(record.id)).toBeNull();
  });

  it('offers kept edits back when the record is opened again; Restore saves them, and nothing is lost', async () => {
    const record = await openNew();
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().fieldEdited('title', 'Typed before the reload');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    reloadWindow();

    await editor().recordOpened(record.id);
    expect(editor().draft?.title).toBe('');
    expect(editor().kept).toMatchObject({
      id: record.id,
      baseRevision: 1,
      content: { title: 'Typed before the reload' },
    });
    // The window losing the focus while the offer stands forgets nothing.
    editor().windowLeft();
    expect(keptIn(record.id)).not.toBeNull();

    const version = editor().contentVersion;
    await editor().keptEditsRestored();
    expect(editor().kept).toBeNull();
    expect(editor().contentVersion).toBe(version + 1);
    expect(saves().at(-1)).toMatchObject({
      baseRevision: 1,
      patch: { title: 'Typed before the reload' },
      mode: 'explicit',
    });
    expect(fake.records.get(record.id)).toMatchObject({ title: 'Typed before the reload', revision: 2 });
    expect(editor().saveState.kind).toBe('saved');
    expect(keptIn(record.id)).toBeNull();
  });

  it('Discard forgets them and leaves the record as saved', async () => {
    const record = await openNew();
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().fieldEdited('title', 'Not wanted after all');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    reloadWindow();
    await editor().recordOpened(record.id);
    editor().keptEditsDiscarded();
    expect(editor().kept).toBeNull();
    expect(keptIn(record.id)).toBeNull();
    expect(fake.records.get(record.id)?.title).toBe('');
    reloadWindow();
    await editor().recordOpened(record.id);
    expect(editor().kept).toBeNull();
  });

  it('restores edits made on a revision that has moved on as a conflict, overwriting nothing', async () => {
    const record = await openNew();
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().fieldEdited('title', 'Mine, typed offline');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    reloadWindow();
    fake.changeElsewhere(record.id, { title: 'Theirs, saved meanwhile' });

    await editor().recordOpened(record.id);
    expect(editor().kept?.baseRevision).toBe(1);
    await editor().keptEditsRestored();
    expect(saves().at(-1)).toMatchObject({ baseRevision: 1, patch: { title: 'Mine, typed offline' } });
    expect(editor().saveState).toEqual({ kind: 'conflict' });
    expect(editor().conflict?.title).toBe('Theirs, saved meanwhile');
    expect(editor().draft?.title).toBe('Mine, typed offline');
    expect(fake.records.get(record.id)?.title).toBe('Theirs, saved meanwhile');
    // Still kept until the person chooses.
    expect(keptIn(record.id)).not.toBeNull();
    await editor().conflictResolved('mine');
    expect(fake.records.get(record.id)).toMatchObject({ title: 'Mine, typed offline', revision: 3 });
    expect(keptIn(record.id)).toBeNull();
  });

  it('offers nothing when the kept edits were saved after all, or cannot be read', async () => {
    const record = await openNew();
    window.localStorage.setItem(
      KEY(record.id),
      JSON.stringify({ id: record.id, baseRevision: 1, content: { ...editor().draft }, at: new Date().toISOString() }),
    );
    reloadWindow();
    await editor().recordOpened(record.id);
    expect(editor().kept).toBeNull();
    expect(keptIn(record.id)).toBeNull();

    window.localStorage.setItem(KEY(record.id), '{"baseRevision": "one", "content": 5');
    reloadWindow();
    await editor().recordOpened(record.id);
    expect(editor().kept).toBeNull();
    expect(keptIn(record.id)).toBeNull();
  });
});
