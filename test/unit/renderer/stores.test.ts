// The register and open-record stores, with only window.desk replaced (by an in-memory fake).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorSelectors } from '../../../renderer/src/stores/editor/selectors.ts';
import { resetEditorStore, useEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { recordsSelectors } from '../../../renderer/src/stores/records/selectors.ts';
import { resetRecordsStore, useRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const records = () => useRecordsStore.getState();
const editor = () => useEditorStore.getState();

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetRecordsStore();
  resetEditorStore();
});

afterEach(() => {
  delete window.desk;
});

describe('the register store', () => {
  it('starts idle and loading, then holds the list once opened', async () => {
    expect(recordsSelectors.isLoading(records())).toBe(true);
    await records().recordsListOpened();
    expect(records().listStatus).toBe('ready');
    expect(recordsSelectors.isEmpty(records())).toBe(true);

    await fake.desk['records.create']({});
    await fake.desk['records.create']({});
    await records().recordsListOpened();
    expect(recordsSelectors.summaries(records())).toHaveLength(2);
    expect(recordsSelectors.total(records())).toBe(2);
    expect(fake.calls.at(-1)).toEqual({ method: 'records.list', input: { sort: 'updated', direction: 'desc' } });
  });

  it('keeps the error in words when the list cannot be loaded, and clears it on the next try', async () => {
    fake.failNext('records.list', { code: 'database-corrupt', message: 'The database file is damaged.' });
    await records().recordsListOpened();
    expect(records().listStatus).toBe('failed');
    expect(recordsSelectors.error(records())).toBe('The database file is damaged.');
    await records().recordsListOpened();
    expect(records().listStatus).toBe('ready');
    expect(recordsSelectors.error(records())).toBeNull();
  });

  it('lets only the latest of two overlapping loads fill the list', async () => {
    const first = records().recordsListOpened();
    await fake.desk['records.create']({});
    const second = records().recordsListOpened();
    await Promise.all([first, second]);
    expect(records().summaries).toHaveLength(1);
  });
});

describe('the open-record store', () => {
  it('creates a new record, puts it at the top of the register and opens it', async () => {
    await records().recordsListOpened();
    const created = await editor().newRecordRequested();
    expect(created).not.toBeNull();
    expect(editorSelectors.record(editor())?.id).toBe(created!.id);
    expect(editor().phase).toBe('editing');
    expect(records().summaries.map((s) => s.id)).toEqual([created!.id]);
    expect(records().total).toBe(1);
  });

  it('reports a failed creation and adds nothing', async () => {
    fake.failNext('records.create', { code: 'unavailable', message: 'The database is busy.' });
    expect(await editor().newRecordRequested()).toBeNull();
    expect(editor().phase).toBe('closed');
    expect(editor().notice).toEqual({ kind: 'error', message: 'The new record was not created. The database is busy.' });
    expect(records().summaries).toEqual([]);
  });

  it('saves an edited title on the revision it was made on and updates the register line', async () => {
    const created = (await editor().newRecordRequested())!;
    editor().titleEdited('Estates strategy 2026 to 2030');
    expect(editorSelectors.hasUnsavedChanges(editor())).toBe(true);
    await editor().saveRequested();

    expect(fake.calls.at(-1)).toEqual({
      method: 'records.save',
      input: { id: created.id, baseRevision: 1, patch: { title: 'Estates strategy 2026 to 2030' }, mode: 'explicit' },
    });
    expect(editor().record?.revision).toBe(2);
    expect(editorSelectors.hasUnsavedChanges(editor())).toBe(false);
    expect(editor().notice?.kind).toBe('saved');
    expect(records().summaries[0]).toMatchObject({ id: created.id, title: 'Estates strategy 2026 to 2030', revision: 2 });
    expect(fake.records.get(created.id)?.title).toBe('Estates strategy 2026 to 2030');
  });

  it('on a conflict keeps the typed title, overwrites nothing, and can load the latest version', async () => {
    const created = (await editor().newRecordRequested())!;
    fake.changeElsewhere(created.id, 'Changed on another laptop');
    editor().titleEdited('My edit');
    await editor().saveRequested();

    expect(editor().notice?.kind).toBe('conflict');
    expect(editor().titleDraft).toBe('My edit');
    expect(fake.records.get(created.id)?.title).toBe('Changed on another laptop');

    await editor().latestVersionRequested();
    expect(editor().record?.revision).toBe(2);
    expect(editor().titleDraft).toBe('Changed on another laptop');
    expect(editor().notice?.kind).toBe('info');
  });

  it('opens a record chosen in the register, the latest choice winning', async () => {
    const first = (await fake.desk['records.create']({})) as { ok: true; value: { id: string } };
    const second = (await fake.desk['records.create']({})) as { ok: true; value: { id: string } };
    await Promise.all([editor().recordOpened(first.value.id), editor().recordOpened(second.value.id)]);
    expect(editor().record?.id).toBe(second.value.id);

    editor().editorClosed();
    expect(editor().record).toBeNull();
    expect(editor().phase).toBe('closed');
  });

  it('keeps the open record when another cannot be opened', async () => {
    const created = (await editor().newRecordRequested())!;
    await editor().recordOpened('00000000-0000-4000-8000-999999999999');
    expect(editor().record?.id).toBe(created.id);
    expect(editor().notice?.kind).toBe('error');
  });
});
