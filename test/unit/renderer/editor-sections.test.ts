// The open record's store with a template's own parts: extra sections (rich text read from its editor, yes/no,
// people, dates) and the record's choices (series, category, decision maker), saved, kept and restored like any field.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../../electron/core/domain/record.ts';
import { OfficeTemplateSchema } from '../../../electron/core/domain/template.ts';
import { AUTOSAVE_DELAY_MS } from '../../../renderer/src/stores/editor/actions.ts';
import {
  richTextOf,
  sectionValueOf,
  signOffsWithDecider,
  withRichText,
} from '../../../renderer/src/stores/editor/draft.ts';
import { resetEditorStore, useEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import london from '../../../resources/templates/london.json' with { type: 'json' };
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const editor = () => useEditorStore.getState();
const saves = () => fake.callsOf('records.save');
const LONDON = OfficeTemplateSchema.parse(london);

async function openNew(): Promise<DecisionRecord> {
  const record = await editor().newRecordRequested();
  if (!record) throw new Error('not created');
  return record;
}

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeDesk();
  window.desk = fake.desk;
  window.localStorage.clear();
  resetUiStore();
  resetRecordsStore();
  resetEditorStore();
});

afterEach(() => {
  resetEditorStore();
  vi.useRealTimers();
  delete window.desk;
});

describe('the draft of extra sections', () => {
  it('gives each kind its empty value until the record has one, and puts rich text back by its path', () => {
    const empty = { sections: undefined };
    expect(sectionValueOf(empty, { id: 'options', kind: 'rich-text' })).toEqual({
      id: 'options',
      kind: 'rich-text',
      text: '',
    });
    expect(sectionValueOf(empty, { id: 'consultation', kind: 'yes-no' })).toEqual({
      id: 'consultation',
      kind: 'yes-no',
      answer: null,
      explanation: '',
    });
    expect(sectionValueOf(empty, { id: 'considered-by', kind: 'people' })).toEqual({
      id: 'considered-by',
      kind: 'people',
      people: [],
    });
    expect(sectionValueOf(empty, { id: 'considered-on', kind: 'date' })).toEqual({
      id: 'considered-on',
      kind: 'date',
      date: null,
    });
  });

  it('reads a rich-text section from its editor only when saving, beside the other sections, in one save', async () => {
    const record = await openNew();
    let text = 'Option A';
    const read = vi.fn(() => text);
    editor().richTextMounted('sections.options', read);
    editor().richTextEdited('sections.options');
    text = 'Option A, or **do nothing**';
    editor().richTextEdited('sections.options');
    editor().sectionEdited({
      id: 'consultation',
      kind: 'yes-no',
      answer: true,
      explanation: 'With the fire authority.',
    });
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(read).toHaveBeenCalledTimes(1);
    expect(saves()).toEqual([
      {
        id: record.id,
        baseRevision: 1,
        mode: 'auto',
        patch: {
          sections: [
            { id: 'consultation', kind: 'yes-no', answer: true, explanation: 'With the fire authority.' },
            { id: 'options', kind: 'rich-text', text: 'Option A, or **do nothing**' },
          ],
        },
      },
    ]);
    const draft = editor().draft!;
    expect(richTextOf(draft, 'sections.options')).toBe('Option A, or **do nothing**');
    expect(richTextOf(withRichText(draft, 'sections.options', 'Changed'), 'sections.options')).toBe('Changed');

    // A later edit of one section replaces its value only.
    editor().sectionEdited({ id: 'consultation', kind: 'yes-no', answer: false, explanation: '' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(fake.records.get(record.id)?.sections).toEqual([
      { id: 'consultation', kind: 'yes-no', answer: false, explanation: '' },
      { id: 'options', kind: 'rich-text', text: 'Option A, or **do nothing**' },
    ]);
  });

  it('keeps sections typed while the application does not answer, and Restore after a reload brings them back', async () => {
    const record = await openNew();
    editor().richTextMounted('sections.financial-comments', () => 'Within the approved budget.');
    fake.failNext('records.save', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    editor().richTextEdited('sections.financial-comments');
    editor().sectionEdited({ id: 'considered-by', kind: 'people', people: ['Investment board', 'Jane Smith'] });
    editor().fieldEdited('category', 'precept');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(editor().saveState.kind).toBe('failed');

    // A reload: the stores start afresh, the window's storage stays.
    resetEditorStore();
    resetRecordsStore();
    resetUiStore();
    await editor().recordOpened(record.id);
    expect(editor().draft?.sections).toBeUndefined();
    expect(editor().kept?.content).toMatchObject({
      category: 'precept',
      sections: [
        { id: 'considered-by', kind: 'people', people: ['Investment board', 'Jane Smith'] },
        { id: 'financial-comments', kind: 'rich-text', text: 'Within the approved budget.' },
      ],
    });
    const version = editor().contentVersion;
    await editor().keptEditsRestored();
    expect(editor().contentVersion).toBe(version + 1);
    expect(fake.records.get(record.id)).toMatchObject({
      category: 'precept',
      sections: [
        { id: 'considered-by', kind: 'people', people: ['Investment board', 'Jane Smith'] },
        { id: 'financial-comments', kind: 'rich-text', text: 'Within the approved budget.' },
      ],
    });
  });

  it('shows a restored revision with its sections (the editors reload from it)', async () => {
    const record = await openNew();
    editor().sectionEdited({ id: 'considered-on', kind: 'date', date: '2026-02-27' });
    await editor().saveRequested();
    const withDate = editor().record!;
    editor().sectionEdited({ id: 'considered-on', kind: 'date', date: null });
    await editor().saveRequested();
    const version = editor().contentVersion;
    editor().recordReplaced({
      ...editor().record!,
      sections: withDate.sections,
      revision: editor().record!.revision + 1,
    });
    expect(editor().contentVersion).toBe(version + 1);
    expect(sectionValueOf(editor().draft!, { id: 'considered-on', kind: 'date' })).toEqual({
      id: 'considered-on',
      kind: 'date',
      date: '2026-02-27',
    });
    expect(record.id).toBe(editor().record!.id);
  });
});

describe('the record choices', () => {
  it('saves the series and category chosen like any field', async () => {
    await openNew();
    editor().fieldEdited('series', 'fire');
    editor().fieldEdited('category', 'fire-rescue');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saves()[0]?.patch).toEqual({ series: 'fire', category: 'fire-rescue' });
  });

  it('gives the deciding sign-off to the decision maker chosen, keeping the officers as typed', async () => {
    const signOffs = [
      { role: 'chief-finance-officer', name: 'Typed CFO', comments: 'Content.' },
      { role: 'chief-executive', name: '', comments: '' },
      { role: 'chief-of-staff', name: '', comments: '' },
      { role: 'mayor', name: 'Sadiq Khan', comments: '' },
    ];
    const deputy = signOffsWithDecider(signOffs, LONDON, 'deputy-mayor');
    expect(deputy.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-executive',
      'chief-of-staff',
      'deputy-mayor',
    ]);
    expect(deputy[0]).toEqual(signOffs[0]);
    expect(signOffsWithDecider(deputy, LONDON, 'mayor').map((s) => s.role)).toEqual(signOffs.map((s) => s.role));

    await openNew();
    editor().decisionMakerChosen('deputy-mayor', LONDON);
    expect(editor().draft?.decisionMaker).toBe('deputy-mayor');
    expect(editor().draft?.signOffs.map((s) => s.role)).toContain('deputy-mayor');
    expect(editor().saveState).toEqual({ kind: 'pending' });
  });

  it('loads the template version the record was made with, and does without it when it cannot be had', async () => {
    await openNew();
    expect(editor().template?.id).toBe('kent');
    fake.failNext('templates.get', {
      code: 'not-found',
      message: 'This device holds no template version with that hash.',
    });
    await openNew();
    expect(editor().template).toBeNull();
    expect(editor().phase).toBe('ready');
  });
});
