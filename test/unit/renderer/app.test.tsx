// The window in jsdom, with only window.desk replaced: register, the record form, its status line, conflicts, history
// and settings, as a person would use them.

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App.tsx';
import { AUTOSAVE_DELAY_MS } from '../../../renderer/src/stores/editor/actions.ts';
import { resetEditorStore, useEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetHistoryStore } from '../../../renderer/src/stores/history/store.ts';
import { resetPreviewStore } from '../../../renderer/src/stores/preview/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import { resetWarmUp } from '../../../renderer/src/warm-up.ts';
import { createFakeDesk, type FakeDesk, syncConflict, syncStatus } from './fake-desk.ts';
import { FixedSizeObserver } from './layout.ts';

let fake: FakeDesk;

async function pause(ms = AUTOSAVE_DELAY_MS) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function openNewRecord() {
  render(<App />);
  fireEvent.click(await screen.findByRole('button', { name: 'New record' }));
  return screen.findByLabelText(/^TITLE/);
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.stubGlobal('ResizeObserver', FixedSizeObserver);
  fake = createFakeDesk();
  window.desk = fake.desk;
  for (const reset of [
    resetUiStore,
    resetRecordsStore,
    resetEditorStore,
    resetPreviewStore,
    resetHistoryStore,
    resetSettingsStore,
    resetSyncStore,
    resetWarmUp,
  ])
    reset();
});

afterEach(() => {
  cleanup();
  resetEditorStore();
  resetSyncStore();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  delete window.desk;
});

describe('the register', () => {
  it('shows an empty register, then opens a new record at its title, prefilled from the settings', async () => {
    const title = await openNewRecord();
    expect(document.activeElement).toBe(title);
    expect((screen.getByLabelText(/^ORIGINATOR/) as HTMLInputElement).value).toBe('Chief Executive');
    expect(screen.getByRole('heading', { level: 2, name: 'Untitled record' })).toBeTruthy();
    expect(screen.getByText('Not yet assigned', { selector: '.reference-value' })).toBeTruthy();
  });

  it('lists records with reference, title, originator, status and classification, and marks what a search matched', async () => {
    fake.seed(2, (i) => ({
      title: ['Victim services commissioning', 'Vehicle fleet'][i]!,
      reference: ['OPCC.D.004.26', null][i]!,
      classification: i === 0 ? 'confidential' : 'open',
    }));
    render(<App />);
    const list = await screen.findByRole('listbox', { name: 'Records of decision' });
    const options = await within(list).findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('Vehicle fleet'),
      expect.stringMatching(/OPCC\.D\.004\.26Victim services commissioningChief ExecutiveDraftConfidential/),
    ]);
    expect(screen.getByText('2 records')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search records'), { target: { value: 'vict' } });
    expect(await screen.findByText('1 record matches \u201cvict\u201d')).toBeTruthy();
    expect(within(list).getByText('Vict', { selector: 'mark' })).toBeTruthy();
  });

  it('moves through the list with the keyboard and opens the line with Enter', async () => {
    fake.seed(3, (i) => ({ title: `Decision ${i + 1}` }));
    render(<App />);
    const list = await screen.findByRole('listbox');
    await within(list).findAllByRole('option');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('register-line-2');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Decision 1' })).toBeTruthy();
  });
});

describe('the PDF engine', () => {
  it('is started once the register is usable, never before it, and once per window', async () => {
    fake.seed(3);
    const release = fake.hold('records.list');
    render(<App />);
    // The settings and the register's first page are on their way: nothing is usable yet.
    await waitFor(() => expect(fake.callsOf('records.list')).toHaveLength(1));
    await pause(3_000);
    expect(fake.callsOf('export.warmUp')).toHaveLength(0);
    release();
    await screen.findAllByRole('option');
    await waitFor(() => expect(fake.callsOf('export.warmUp')).toHaveLength(1));
    // Searching, opening a record and coming back ask nothing more of it.
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'x' } });
    await pause(3_000);
    expect(fake.callsOf('export.warmUp')).toHaveLength(1);
  });
});

describe('edits kept on this computer', () => {
  it('names a record with kept edits in the register after a reload, and restores them when asked', async () => {
    const [record] = fake.seed(1, () => ({ title: 'Estates strategy' }));
    const content = {
      originator: record!.originator,
      title: 'Estates strategy 2026',
      classification: record!.classification,
      confidentialReason: '',
      executiveSummary: 'Typed while Decision Desk was stopped.',
      recommendation: '',
      decision: '',
      backgroundDocuments: [],
      impact: record!.impact,
      signOffs: record!.signOffs.map(({ role, name, comments }) => ({ role, name, comments })),
    };
    window.localStorage.setItem(
      `decision-desk.unsaved.${record!.id}`,
      JSON.stringify({ id: record!.id, baseRevision: record!.revision, content, at: '2026-03-02T09:15:00.000Z' }),
    );
    render(<App />);
    const hint = await screen.findByText(/Unsaved changes to “Estates strategy 2026” were kept on this computer/);
    fireEvent.click(within(hint.closest('.notice') as HTMLElement).getByRole('button', { name: 'Open it' }));
    await screen.findByText(/^Unsaved changes from .* were kept on this computer\.$/);
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText(/^Saved /);
    expect(fake.records.get(record!.id)).toMatchObject({
      title: 'Estates strategy 2026',
      executiveSummary: 'Typed while Decision Desk was stopped.',
    });
    expect(window.localStorage.getItem(`decision-desk.unsaved.${record!.id}`)).toBeNull();
  });
});

describe('the record form', () => {
  it('autosaves after a pause and says when; the register and the tab show the new title', async () => {
    const title = await openNewRecord();
    fireEvent.change(title, { target: { value: 'Estates strategy 2026 to 2030' } });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await pause();
    expect(await screen.findByText(/^Saved \d/)).toBeTruthy();
    expect(fake.callsOf('records.save')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 2, name: 'Estates strategy 2026 to 2030' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Estates strategy 2026 to 2030' })).toBeTruthy();
  });

  it('asks for the reason once Confidential is chosen', async () => {
    await openNewRecord();
    expect(screen.queryByLabelText(/^Reason if Confidential/)).toBeNull();
    fireEvent.click(screen.getByLabelText('CONFIDENTIAL'));
    const reason = screen.getByLabelText(/^Reason if Confidential/);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Give the reason the record is confidential.')).toBeTruthy();
    fireEvent.change(reason, { target: { value: 'Commercially sensitive until the contract is awarded.' } });
    expect(screen.queryByText('Give the reason the record is confidential.')).toBeNull();
    await pause();
    const saved = [...fake.records.values()][0]!;
    expect(saved.classification).toBe('confidential');
    expect(saved.confidentialReason).toBe('Commercially sensitive until the contract is awarded.');
  });

  it('asks for an explanation when the decision affects a diversity strand, and saves the answers', async () => {
    await openNewRecord();
    const diversity = screen.getByRole('group', { name: /differential\/adverse impact/ });
    fireEvent.click(within(diversity).getByLabelText('Yes'));
    expect(screen.getByText('Explain the impact on diversity.')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('group', { name: /Equality Impact Assessment/ })).getByLabelText('No'));
    await pause();
    expect([...fake.records.values()][0]!.impact).toMatchObject({
      equalityImpactAssessment: false,
      diversityImpact: true,
    });
  });

  it('edits the background documents as a list', async () => {
    await openNewRecord();
    fireEvent.click(screen.getByRole('button', { name: 'Add a document' }));
    fireEvent.change(screen.getByLabelText('Background document 1'), { target: { value: 'Business case' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a document' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Background document 2'));
    fireEvent.change(screen.getByLabelText('Background document 2'), {
      target: { value: 'Equality impact assessment' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Move Background document 2 up' }));
    await pause();
    expect([...fake.records.values()][0]!.backgroundDocuments).toEqual([
      { title: 'Equality impact assessment' },
      { title: 'Business case' },
    ]);
  });

  it('says "Not saved" with the reason and a Retry that saves', async () => {
    const title = await openNewRecord();
    fake.failNext('records.save', { code: 'invalid-input', message: 'The record is not valid.' });
    fireEvent.change(title, { target: { value: 'Kept despite the failure' } });
    await pause();
    expect(await screen.findByText(/Not saved: The record is not valid\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/^Saved \d/)).toBeTruthy();
    expect([...fake.records.values()][0]!.title).toBe('Kept despite the failure');
  });

  it('on a conflict shows both versions and keeps mine when asked', async () => {
    const title = await openNewRecord();
    const record = [...fake.records.values()][0]!;
    fake.changeElsewhere(record.id, { title: 'Their title' });
    fireEvent.change(title, { target: { value: 'My title' } });
    await pause();
    const dialog = await screen.findByRole('dialog', { name: 'This record was changed elsewhere' });
    const mine = within(dialog).getByRole('region', { name: 'Your version' });
    const theirs = within(dialog).getByRole('region', { name: 'The other version' });
    expect(within(mine).getByText('My title')).toBeTruthy();
    expect(within(theirs).getByText('Their title')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep my version' }));
    expect(await screen.findByText(/^Saved \d/)).toBeTruthy();
    expect(fake.records.get(record.id)?.title).toBe('My title');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists the history, shows a revision and restores it', async () => {
    const title = await openNewRecord();
    fireEvent.change(title, { target: { value: 'First title' } });
    await pause();
    fireEvent.change(title, { target: { value: 'Second title' } });
    await pause();
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: 'History of this record' });
    const revisions = await within(dialog).findAllByRole('button', { pressed: false });
    expect(revisions.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Autosaved, revision 3 (current)Second title'),
      expect.stringContaining('Autosaved, revision 2First title'),
      expect.stringContaining('Created, revision 1'),
    ]);
    fireEvent.click(revisions[1]!);
    expect(await within(dialog).findByRole('heading', { name: /^Revision 2/ })).toBeTruthy();
    // The revision as it printed then, in the same sandboxed frame as the preview.
    const printed = within(dialog).getByTitle('Revision 2 as it printed');
    expect(printed.getAttribute('sandbox')).toBe('');
    expect(printed.getAttribute('srcdoc')).toContain('First title (revision 2)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore this version' }));
    expect(await within(dialog).findByText(/Revision 2 was restored as revision 4/)).toBeTruthy();
    expect((screen.getByLabelText(/^TITLE/) as HTMLInputElement).value).toBe('First title');
  });

  it('asks for the printed pages of the saved record, and notes the section the cursor is in for the preview to follow', async () => {
    const title = await openNewRecord();
    await waitFor(() => expect(fake.callsOf('export.previewPdf')).toEqual([{ id: [...fake.records.keys()][0] }]));
    expect(useEditorStore.getState().focusedSection).toBe('Record of Decision');
    fireEvent.focus(document.getElementById('field-decision')!);
    expect(useEditorStore.getState().focusedSection).toBe('DECISION');
    fireEvent.blur(document.getElementById('field-decision')!);
    expect(useEditorStore.getState().focusedSection).toBeNull();
    fireEvent.focus(title);
    expect(useEditorStore.getState().focusedSection).toBe('Record of Decision');
  });
});

describe('the drafts bin', () => {
  it('deletes a draft that has no reference after asking, saving its edits first; Undo puts it back', async () => {
    fake.seed(1, () => ({ title: 'Kept record' }));
    const title = await openNewRecord();
    const id = [...fake.records.values()][1]!.id;
    fireEvent.change(title, { target: { value: 'Abandoned idea' } });

    // Asked first; Cancel (or Escape) leaves the draft where it was.
    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete this draft?' });
    expect(within(dialog).getByText(/“Abandoned idea” goes to the bin/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete this draft?' });
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsOf('records.delete')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete this draft?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete draft' }));
    expect(await screen.findByText('Draft moved to the bin')).toBeTruthy();
    // The title typed a moment ago was saved before the draft went, so the bin holds it as last seen.
    expect(fake.records.get(id)?.title).toBe('Abandoned idea');
    expect(fake.bin.has(id)).toBe(true);
    expect(screen.getByRole('heading', { level: 2, name: 'Records of decision' })).toBeTruthy();
    const list = screen.getByRole('listbox', { name: 'Records of decision' });
    await screen.findByText('1 record');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('Kept record')]);
    // The record is closed: its tab has gone, and the focus is on Undo.
    expect(screen.queryByRole('button', { name: 'Abandoned idea' })).toBeNull();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);

    fireEvent.click(undo);
    expect(await screen.findByText('“Abandoned idea” is back in the register.')).toBeTruthy();
    expect(fake.bin.has(id)).toBe(false);
    await screen.findByText('2 records');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('Abandoned idea'), expect.stringContaining('Kept record')]);
  });

  it('puts the focus on Undo even after Ctrl+F was pressed earlier (the search box takes it only when asked)', async () => {
    fake.seed(1, () => ({ title: 'Kept record' }));
    render(<App />);
    await screen.findByText('1 record');
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByLabelText('Search records'));
    fireEvent.click(screen.getByRole('button', { name: 'New record' }));
    await screen.findByLabelText(/^TITLE/);
    // Back in the register, the search box does not take the focus again unasked.
    fireEvent.click(screen.getAllByRole('button', { name: 'Records' })[0]!);
    await screen.findByText('2 records');
    expect(document.activeElement).not.toBe(screen.getByLabelText('Search records'));
    fireEvent.click(await screen.findByRole('option', { name: /Untitled record/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete draft' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Delete this draft?' })).getByRole('button', {
        name: 'Delete draft',
      }),
    );
    await screen.findByText('Draft moved to the bin');
    await screen.findByText('1 record');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
  });

  it('lists the bin with when each draft was deleted, newest first, and restores one', async () => {
    const [first, second] = fake.seed(3, (i) => ({ title: ['Old idea', '', 'Still wanted'][i]! }));
    fake.bin.set(first!.id, '2026-03-01T10:15:00.000Z');
    fake.bin.set(second!.id, '2026-03-02T14:40:00.000Z');
    render(<App />);
    await screen.findByText('1 record');
    fireEvent.click(screen.getByRole('button', { name: 'Bin' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Bin' })).toBeTruthy();
    const bin = await screen.findByRole('list', { name: 'Deleted drafts' });
    const items = within(bin).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Untitled record.*Deleted 2 Mar 2026, \d\d:40/),
      expect.stringMatching(/^Old idea.*Deleted 1 Mar 2026, \d\d:15/),
    ]);
    expect(screen.getByText('2 drafts in the bin')).toBeTruthy();
    // The bin only restores: it has no search and no filters.
    expect(screen.queryByLabelText('Search records')).toBeNull();

    fireEvent.click(within(items[1]!).getByRole('button', { name: 'Restore Old idea' }));
    expect(await screen.findByText('“Old idea” is back in the register.')).toBeTruthy();
    expect(within(bin).getAllByRole('listitem')).toHaveLength(1);
    // The focus moves to the Restore that is now nearest, not to the top of the page.
    expect(document.activeElement).toBe(within(bin).getByRole('button', { name: 'Restore Untitled record' }));
    expect(fake.bin.has(first!.id)).toBe(false);
    expect(screen.getByText('1 draft in the bin')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'The register' }));
    await screen.findByText('2 records');
    expect(within(screen.getByRole('listbox')).getByText('Old idea')).toBeTruthy();
  });

  it('says when the bin is empty', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Bin' }));
    expect(
      await screen.findByText('The bin is empty. Drafts you delete wait here until you restore them.'),
    ).toBeTruthy();
  });

  it('never offers Delete on a record that has, or is waiting for, a reference', async () => {
    fake.seed(3, (i) => ({
      title: ['Returned to draft', 'Submitted offline', 'Signed'][i]!,
      reference: ['OPCC.D.004.26', null, 'OPCC.D.002.26'][i]!,
      status: (['draft', 'awaiting-signatures', 'decided'] as const)[i]!,
    }));
    render(<App />);
    for (const title of ['Returned to draft', 'Submitted offline', 'Signed']) {
      fireEvent.click(screen.getAllByRole('button', { name: 'Records' })[0]!);
      fireEvent.click(await screen.findByRole('option', { name: new RegExp(title) }));
      await screen.findByRole('heading', { level: 2, name: title });
      expect(screen.queryByRole('button', { name: 'Delete draft' })).toBeNull();
    }
  });

  it('keeps the draft open and says why when the deletion is refused', async () => {
    await openNewRecord();
    fake.failNext('records.delete', { code: 'not-allowed', message: 'Only a draft can be deleted.' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this draft?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete draft' }));
    expect(await screen.findByText('The draft was not deleted. Only a draft can be deleted.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Untitled record' })).toBeTruthy();
  });

  it('keeps the draft when its last edits cannot be saved, rather than bin a version the person never saw', async () => {
    const title = await openNewRecord();
    // Saved on another device meanwhile: this window's edits cannot be saved until a version is chosen.
    fake.changeElsewhere([...fake.records.keys()][0]!, { title: 'Their title' });
    fireEvent.change(title, { target: { value: 'Typed but not saved' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Delete this draft?' })).getByRole('button', {
        name: 'Delete draft',
      }),
    );
    expect(await screen.findByText(/^The draft was not deleted: its last changes could not be saved/)).toBeTruthy();
    expect(fake.callsOf('records.delete')).toEqual([]);
    expect(fake.bin.size).toBe(0);
    expect(screen.getByRole('heading', { level: 2, name: 'Typed but not saved' })).toBeTruthy();
  });
});

describe('sync with the shared folder', () => {
  it('says when sync is not running in this session, with no Sync now to press', async () => {
    render(<App />);
    expect(await screen.findByRole('button', { name: /^Sync not running/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('shows the status in the bar, and what Sync now did', async () => {
    fake.sync.status = syncStatus({ state: 'waiting', waiting: 2 });
    fake.sync.nextPass = {
      handedOver: [
        { recordId: 'a', revision: 3 },
        { recordId: 'b', revision: 2 },
      ],
    };
    render(<App />);
    expect(await screen.findByRole('button', { name: /^2 waiting to sync/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText('Synced: 2 handed over, 0 received, 0 published; nothing waiting.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: /^Synced / })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByText(/^Synced: /)).toBeNull();
  });

  it('leads from the conflicts in the bar to the list, where each is resolved with its own actions', async () => {
    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 2 });
    const local = {
      ...fake.seed(1, () => ({ title: 'Grants', reference: 'OPCC.D.001.26', status: 'awaiting-signatures' }))[0]!,
      revision: 3,
    };
    fake.sync.conflicts = [
      syncConflict({ id: 1 }),
      syncConflict({
        id: 2,
        kind: 'content',
        recordId: local.id,
        reference: 'OPCC.D.001.26',
        path: `pending/${local.id}/3-Tablet_abc123.json`,
        message:
          'OPCC.D.001.26 was changed on two devices at once. Both versions are kept: choose which one to continue with.',
        detail: { local, remote: { ...local, title: 'Grants (tablet)' } },
        actions: ['keep-local', 'keep-remote'],
      }),
    ];
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: /^2 conflicts to resolve/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Sync with the shared folder' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Conflicts to resolve' });
    const [copy, versions] = within(list).getAllByRole('article');
    expect(within(versions!).getByRole('heading', { name: 'Two versions of one record: OPCC.D.001.26' })).toBeTruthy();
    expect(
      within(within(versions!).getByRole('region', { name: 'The other device’s version' })).getByText(
        'Grants (tablet)',
      ),
    ).toBeTruthy();
    expect(
      within(versions!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Keep this device’s version', 'Keep the other device’s version']);

    fake.sync.status = syncStatus({ state: 'conflicts', conflicts: 1 });
    fireEvent.click(within(copy!).getByRole('button', { name: 'Dismiss' }));
    expect(await screen.findByText('Dismissed.')).toBeTruthy();
    expect(within(list).getAllByRole('article')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: /^1 conflict to resolve/ })).toBeTruthy();
  });

  it('shows "Reference pending" for a record submitted while the shared folder was out of reach', async () => {
    fake.seed(2, (i) => ({
      title: ['Submitted offline', 'Still a draft'][i]!,
      status: i === 0 ? 'awaiting-signatures' : 'draft',
    }));
    render(<App />);
    const list = await screen.findByRole('listbox', { name: 'Records of decision' });
    const options = await within(list).findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringMatching(/^Not yet assignedStill a draft/),
      expect.stringMatching(/^Reference pendingSubmitted offline/),
    ]);
    fireEvent.click(options[1]!);
    expect(await screen.findByText('Reference pending', { selector: '.reference-value' })).toBeTruthy();
    expect(
      screen.getByText(/^Reference pending: the next sync with the shared folder gives this record its reference/),
    ).toBeTruthy();
  });
});

describe('pasting more than a field holds', () => {
  /** A paste event as the browser sends it, with plain text on the clipboard; returns whether the paste went ahead. */
  function paste(target: Element, text: string): boolean {
    return fireEvent.paste(target, {
      clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') },
    });
  }

  it('refuses a paste longer than the plan objectives hold, saying how long it was and what fits, and keeps the text', async () => {
    await openNewRecord();
    const field = document.getElementById('field-impact-planObjectives') as HTMLTextAreaElement;
    fireEvent.change(field, { target: { value: 'Already written.' } });
    expect(paste(field, 'x'.repeat(25_000))).toBe(false);
    const message = await screen.findByText(/^Not pasted:/);
    expect(message.textContent).toBe(
      'Not pasted: the text is 25,000 characters and this field holds at most 20,000 (room for 19,984 more). Shorten it, or paste it in parts.',
    );
    expect(message.getAttribute('role')).toBe('alert');
    expect(field.value).toBe('Already written.');
    // Typing on clears the message; a paste that fits goes ahead as usual.
    fireEvent.change(field, { target: { value: 'Already written. More.' } });
    expect(screen.queryByText(/^Not pasted:/)).toBeNull();
    expect(paste(field, 'y'.repeat(100))).toBe(true);
    expect(screen.queryByText(/^Not pasted:/)).toBeNull();
  });

  it('counts what replaces a selection, and the line breaks a one-line field drops', async () => {
    const title = (await openNewRecord()) as HTMLInputElement;
    fireEvent.change(title, { target: { value: 'a'.repeat(400) } });
    title.setSelectionRange(0, 400);
    expect(paste(title, 'b'.repeat(500))).toBe(true);
    title.setSelectionRange(400, 400);
    expect(paste(title, `${'c'.repeat(50)}\r\n${'c'.repeat(50)}`)).toBe(true);
    expect(paste(title, 'c'.repeat(101))).toBe(false);
    expect(
      await screen.findByText(
        /^Not pasted: the text is 101 characters and this field holds at most 500 \(room for 100 more\)/,
      ),
    ).toBeTruthy();
  });

  it('refuses a paste into a rich-text section beyond its limit', async () => {
    await openNewRecord();
    const editor = document.getElementById('field-executiveSummary')!;
    expect(paste(editor, 'z'.repeat(500_001))).toBe(false);
    expect(
      await screen.findByText(/^Not pasted: the text is 500,001 characters and this section holds at most 500,000/),
    ).toBeTruthy();
  });
});

describe('settings', () => {
  it('marks a field left blank and saves once it is filled in', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const area = await screen.findByLabelText('Police area');
    fireEvent.change(area, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('This cannot be left blank.')).toBeTruthy();
    expect(area.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(area, { target: { value: 'Kent' } });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Sam Patel' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(fake.settings.userName).toBe('Sam Patel');
  });

  it('says at once that a chosen logo is not an image, and keeps the logo there was', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const input = (await screen.findByText('Choose a logo')).querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['minutes of the meeting, not a picture'], 'logo.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [file] } });
    const message = await screen.findByText('The logo file is not an image: choose a PNG or JPEG picture.');
    expect(message.getAttribute('role')).toBe('alert');
    expect(screen.getByText('No logo')).toBeTruthy();
  });
});
