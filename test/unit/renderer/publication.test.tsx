// Publication in the window (jsdom, the fake desk behind window.desk): the form's Publication group, a decided
// record's Publication panel (status, dates, supersessions, withdrawal, what the public copy contains), the two PDFs,
// the publication pack, late records in the register and the publication settings.

import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileContents } from '../../../electron/core/domain/contents.ts';
import type { DecisionRecord } from '../../../electron/core/domain/record.ts';
import { App } from '../../../renderer/src/App.tsx';
import { AUTOSAVE_DELAY_MS } from '../../../renderer/src/stores/editor/actions.ts';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetHistoryStore } from '../../../renderer/src/stores/history/store.ts';
import { resetPreviewStore } from '../../../renderer/src/stores/preview/store.ts';
import { resetPublicationStore } from '../../../renderer/src/stores/publication/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSubmitStore } from '../../../renderer/src/stores/signing/submit.ts';
import { resetSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import { createFakeDesk, type FakeDesk, signedOffs } from './fake-desk.ts';
import { FixedSizeObserver } from './layout.ts';

let fake: FakeDesk;
let downloads: string[];

async function pause(ms = AUTOSAVE_DELAY_MS) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.stubGlobal('ResizeObserver', FixedSizeObserver);
  downloads = [];
  // jsdom has no Blob URLs; the download's link is followed by nothing, so its name is what is checked.
  URL.createObjectURL = () => 'blob:fake';
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
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
    resetSubmitStore,
    resetPublicationStore,
  ]) {
    reset();
  }
});

afterEach(() => {
  cleanup();
  resetEditorStore();
  resetSyncStore();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  delete window.desk;
});

async function openRecord(title: string) {
  render(<App />);
  const list = await screen.findByRole('listbox', { name: 'Records of decision' });
  fireEvent.click(await within(list).findByText(title));
  return screen.findByRole('heading', { level: 2, name: title });
}

const decided = (title: string, reference: string, change: Partial<DecisionRecord> = {}) =>
  fake.seed(1, () => ({ title, reference, status: 'decided', signOffs: signedOffs('2026-02-20'), ...change }))[0]!;

const EMPTY_FILE: FileContents = {
  kind: 'pdf',
  fileName: 'OPCC.D.004.26-public.pdf',
  bytes: 48_213,
  metadata: [],
  attachments: [],
  images: [],
  people: [],
  hidden: [],
};

describe('the form\u2019s Publication group', () => {
  it('saves the date of decision and the day to publish as the person types, and empties them again', async () => {
    fake.seed(1, () => ({ title: 'Estates strategy' }));
    await openRecord('Estates strategy');
    const group = screen.getByRole('region', { name: 'Publication' });
    const decisionDate = within(group).getByLabelText('Date of decision');
    expect(decisionDate.getAttribute('type')).toBe('date');
    expect(within(group).getByText('Leave empty: the day the Commissioner signs.')).toBeTruthy();
    fireEvent.change(decisionDate, { target: { value: '2026-02-18' } });
    fireEvent.change(within(group).getByLabelText('Publish on'), { target: { value: '2026-04-01' } });
    await pause();
    const record = [...fake.records.values()][0]!;
    expect(fake.callsOf('records.save').at(-1)!.patch.publication).toEqual({
      decisionDate: '2026-02-18',
      deferUntil: '2026-04-01',
    });
    expect(record.publication).toEqual({ decisionDate: '2026-02-18', deferUntil: '2026-04-01' });

    fireEvent.change(decisionDate, { target: { value: '' } });
    await pause();
    expect(fake.callsOf('records.save').at(-1)!.patch.publication).toEqual({ deferUntil: '2026-04-01' });
  });

  it('takes the references it supersedes separated by commas or lines, and names a bad one without saving it', async () => {
    fake.seed(1, () => ({ title: 'Fleet replacement' }));
    await openRecord('Fleet replacement');
    const supersedes = screen.getByLabelText('Supersedes');
    fireEvent.change(supersedes, { target: { value: 'OPCC.D.010.25,\nOPCC D: 11, OPCC.D.012.25, OPCC.D.010.25' } });
    expect(supersedes.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(`${supersedes.id}-error`)!;
    expect(error.textContent).toContain('\u201cOPCC D: 11\u201d is not a reference');
    expect(supersedes.getAttribute('aria-describedby')).toContain(error.id);
    await pause();
    expect(fake.callsOf('records.save').at(-1)!.patch.publication).toEqual({
      supersedes: ['OPCC.D.010.25', 'OPCC.D.012.25'],
    });
    // What was typed stays in the box to be corrected.
    expect((supersedes as HTMLTextAreaElement).value).toContain('OPCC D: 11');
  });

  it('asks a confidential record for a public summary and a review date, and warns (without refusing) before submission', async () => {
    fake.seed(1, () => ({ title: 'Covert operations budget', classification: 'confidential' }));
    await openRecord('Covert operations budget');
    const warning = screen.getByRole('note', { name: 'Before you submit' });
    const link = within(warning).getByRole('button', { name: /No public summary/ });
    fireEvent.click(link);
    const summary = screen.getByLabelText('Public summary');
    expect(document.activeElement).toBe(summary);
    expect(screen.getByLabelText('Review on').getAttribute('type')).toBe('date');
    fireEvent.change(summary, { target: { value: 'Funding for an operation; details withheld.' } });
    expect(screen.queryByRole('note', { name: 'Before you submit' })).toBeNull();
    await pause();
    expect([...fake.records.values()][0]!.publication).toEqual({
      publicSummary: 'Funding for an operation; details withheld.',
    });
  });

  it('shows a conflict over the publication fields in the form’s words, and keeps the version chosen', async () => {
    const [record] = fake.seed(1, () => ({ title: 'Contested dates' }));
    await openRecord('Contested dates');
    fake.changeElsewhere(record!.id, { publication: { decisionDate: '2026-02-10' } });
    fireEvent.change(screen.getByLabelText('Date of decision'), { target: { value: '2026-02-12' } });
    await pause();
    const dialog = await screen.findByRole('dialog', { name: 'This record was changed elsewhere' });
    const mine = within(dialog).getByRole('region', { name: 'Your version' });
    const theirs = within(dialog).getByRole('region', { name: 'The other version' });
    expect(within(mine).getByText('12 February 2026')).toBeTruthy();
    expect(within(theirs).getByText('10 February 2026')).toBeTruthy();
    expect(within(theirs).getByText('When it is decided')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep my version' }));
    await vi.waitFor(() => expect(fake.records.get(record!.id)?.publication).toEqual({ decisionDate: '2026-02-12' }));
  });

  it('shows no public summary or review date for an open record', async () => {
    fake.seed(1, () => ({ title: 'Open decision' }));
    await openRecord('Open decision');
    expect(screen.queryByLabelText('Public summary')).toBeNull();
    expect(screen.queryByLabelText('Review on')).toBeNull();
    expect(screen.queryByRole('note', { name: 'Before you submit' })).toBeNull();
  });
});

describe('the Publication panel', () => {
  it('shows a decided record\u2019s status and dates, and checks its public copy at once, each empty list reading None', async () => {
    const record = decided('Victim services commissioning', 'OPCC.D.004.26');
    fake.contents.set(record.id, [EMPTY_FILE]);
    await openRecord('Victim services commissioning');
    const panel = screen.getByRole('region', { name: 'Publication status' });
    const facts = within(panel)
      .getAllByRole('definition')
      .map((dd) => dd.textContent);
    const terms = within(panel)
      .getAllByRole('term')
      .map((dt) => dt.textContent);
    expect(terms.slice(0, 7)).toEqual([
      'Status',
      'Date of decision',
      'Date signed',
      'Date published',
      'Supersedes',
      'Superseded by',
      'Withdrawal',
    ]);
    expect(facts.slice(0, 6)).toEqual([
      'Not yet published',
      '20 February 2026',
      '20 February 2026',
      'Not yet published',
      'None',
      'None',
    ]);
    // Decided and not yet published: checked without being asked, since it goes out at the next sync.
    const check = within(panel).getByRole('region', { name: 'What the public copy contains' });
    const file = await within(check).findByRole('region', { name: /OPCC\.D\.004\.26-public\.pdf/ });
    expect(
      within(file)
        .getAllByRole('definition')
        .map((dd) => dd.textContent),
    ).toEqual(['None', 'None', 'None', 'None', 'None']);
    expect(within(file).getByRole('heading').textContent).toBe('OPCC.D.004.26-public.pdf (PDF, 47 KB)');
    expect(fake.callsOf('export.contents')).toEqual([{ id: record.id }]);
  });

  it('lists what the public copy carries, and says why when the check cannot be made', async () => {
    const record = decided('Custody contract', 'OPCC.D.005.26', {
      status: 'published',
      publishedAt: '2026-02-21T09:00:00.000Z',
    });
    await openRecord('Custody contract');
    const check = screen.getByRole('region', { name: 'What the public copy contains' });
    // Published already: checked on demand only.
    expect(fake.callsOf('export.contents')).toEqual([]);
    fireEvent.click(within(check).getByRole('button', { name: 'Check the public copy' }));
    expect(await within(check).findByText('The public copy could not be checked. Not built yet.')).toBeTruthy();

    fake.contents.set(record.id, [
      {
        ...EMPTY_FILE,
        metadata: [{ name: 'Author', value: 'Alex Morgan' }],
        attachments: [{ name: 'record.json', bytes: 2048, mimeType: 'application/json' }],
        images: [{ name: 'signature-1.png', bytes: 900, description: 'Signature of Helen Ashworth' }],
        people: ['Helen Ashworth'],
        hidden: ['1 comment'],
      },
    ]);
    fireEvent.click(within(check).getByRole('button', { name: 'Check the public copy' }));
    const file = await within(check).findByRole('region', { name: /public\.pdf/ });
    expect(
      within(file)
        .getAllByRole('definition')
        .map((dd) => dd.textContent),
    ).toEqual([
      'Author: Alex Morgan',
      'record.json (2 KB, application/json)',
      'Signature of Helen Ashworth (900 bytes)',
      'Helen Ashworth',
      '1 comment',
    ]);
    expect(within(check).getByRole('button', { name: 'Check again' })).toBeTruthy();
  });

  it('withdraws with a reason that is required, saying what it does, then shows the withdrawal', async () => {
    const record = decided('Estates disposal', 'OPCC.D.006.26', {
      status: 'published',
      publishedAt: '2026-02-21T09:00:00.000Z',
    });
    await openRecord('Estates disposal');
    const panel = screen.getByRole('region', { name: 'Publication status' });
    expect(within(panel).getAllByRole('definition')[0]!.textContent).toBe('Published');
    fireEvent.click(within(panel).getByRole('button', { name: 'Withdraw…' }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw OPCC.D.006.26?' });
    expect(within(dialog).getByText(/It stays on the register marked withdrawn, with your reason\./)).toBeTruthy();
    const reason = within(dialog).getByLabelText('Reason for withdrawing it');
    expect(document.activeElement).toBe(reason);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(within(dialog).getByText('Give the reason for withdrawing it: the register shows it.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsOf('records.withdraw')).toEqual([]);

    fireEvent.change(reason, { target: { value: 'The sale fell through; replaced by OPCC.D.009.26.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(await within(panel).findByText(/OPCC\.D\.006\.26 is withdrawn\./)).toBeTruthy();
    expect(fake.callsOf('records.withdraw')).toEqual([
      { id: record.id, reason: 'The sale fell through; replaced by OPCC.D.009.26.' },
    ]);
    expect(within(panel).getAllByRole('definition')[0]!.textContent).toBe('Withdrawn');
    expect(within(panel).getByText(/^Withdrawn on \d+ March 2026 by Alex Morgan\.$/)).toBeTruthy();
    expect(within(panel).getByText('The sale fell through; replaced by OPCC.D.009.26.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Withdraw…' })).toBeNull();
  });

  it('keeps the reason typed and says why when the withdrawal is refused', async () => {
    decided('Refused withdrawal', 'OPCC.D.007.26');
    await openRecord('Refused withdrawal');
    const panel = screen.getByRole('region', { name: 'Publication status' });
    fake.failNext('records.withdraw', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Withdraw…' }));
    fireEvent.change(screen.getByLabelText('Reason for withdrawing it'), { target: { value: 'Published in error.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    const alert = await within(panel).findByText('Not withdrawn. Decision Desk is not responding.');
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Withdraw…' }));
    expect((screen.getByLabelText('Reason for withdrawing it') as HTMLTextAreaElement).value).toBe(
      'Published in error.',
    );
  });

  it('links what a record supersedes and what supersedes it, each opening that record', async () => {
    decided('Estates strategy 2024', 'OPCC.D.001.24', { status: 'published', publishedAt: '2024-03-01T09:00:00.000Z' });
    decided('Estates strategy 2026', 'OPCC.D.002.26', {
      status: 'published',
      publishedAt: '2026-02-21T09:00:00.000Z',
      publication: { supersedes: ['OPCC.D.001.24'] },
    });
    await openRecord('Estates strategy 2024');
    const panel = screen.getByRole('region', { name: 'Publication status' });
    const supersededBy = await within(panel).findByRole('button', { name: 'OPCC.D.002.26' });
    expect(within(panel).getAllByRole('definition')[0]!.textContent).toBe('Superseded');
    fireEvent.click(supersededBy);
    expect(await screen.findByRole('heading', { level: 2, name: 'Estates strategy 2026' })).toBeTruthy();
    const next = screen.getByRole('region', { name: 'Publication status' });
    fireEvent.click(within(next).getByRole('button', { name: 'OPCC.D.001.24' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Estates strategy 2024' })).toBeTruthy();
  });

  it('is not shown for a draft', async () => {
    fake.seed(1, () => ({ title: 'Just a draft' }));
    await openRecord('Just a draft');
    expect(screen.queryByRole('heading', { level: 2, name: 'Publication status' })).toBeNull();
  });
});

describe('exports', () => {
  it('offers the PDF for the archive and the PDF for the website under Export PDF', async () => {
    const record = decided('Grants 2026/27', 'OPCC.D.008.26');
    fake.contents.set(record.id, []);
    await openRecord('Grants 2026/27');
    const toggle = screen.getByRole('button', { name: /^Export PDF/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /^PDF for the website \(public\)/ }));
    expect(await screen.findByText('Exported record-public.pdf.')).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: /^PDF for the archive/ }));
    expect(await screen.findByText('Exported record-archive.pdf.')).toBeTruthy();
    expect(fake.callsOf('export.pdf')).toEqual([
      { id: record.id, rendition: 'public' },
      { id: record.id, rendition: 'archive' },
    ]);
    expect(downloads).toEqual(['record-public.pdf', 'record-archive.pdf']);
    // Escape closes the list and gives the focus back.
    fireEvent.click(toggle);
    fireEvent.keyDown(screen.getByRole('button', { name: /^PDF for the archive/ }), { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('exports the publication pack from the register, and says why when it cannot', async () => {
    render(<App />);
    const pack = await screen.findByRole('button', { name: 'Publication pack (zip)' });
    fake.failNext('export.publicationPack', { code: 'unavailable', message: 'Not built yet.' });
    fireEvent.click(pack);
    expect(await screen.findByText('The publication pack was not exported. Not built yet.')).toBeTruthy();
    fireEvent.click(pack);
    expect(await screen.findByText('Exported publication-pack-2026-03-02.zip.')).toBeTruthy();
    expect(downloads).toEqual(['publication-pack-2026-03-02.zip']);
  });
});

describe('late records in the register', () => {
  it('names the decided records unpublished after the office\u2019s days, each opening its record, and goes when none are', async () => {
    fake.today = '2026-03-30';
    decided('Victim services', 'OPCC.D.004.26');
    decided('Fleet', 'OPCC.D.005.26', { signOffs: signedOffs('2026-03-01') });
    decided('Recent', 'OPCC.D.006.26', { signOffs: signedOffs('2026-03-25') });
    render(<App />);
    const notice = await screen.findByRole('region', { name: '2 decided records are not yet published after 14 days' });
    const links = within(notice)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(links).toEqual(['OPCC.D.004.26', 'OPCC.D.005.26']);
    expect(notice.textContent).toContain('Victim services, decided 20 February 2026, waiting 38 days');
    fireEvent.click(within(notice).getByRole('button', { name: 'OPCC.D.005.26' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Fleet' })).toBeTruthy();

    // Published meanwhile: the next refresh of the register drops them.
    for (const record of fake.records.values()) fake.records.set(record.id, { ...record, status: 'published' });
    fireEvent.click(screen.getAllByRole('button', { name: 'Records' })[0]!);
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: /not yet published/ })).toBeNull());
  });

  it('lists only the ten waiting longest when more are late, and says how many more there are', async () => {
    fake.today = '2026-03-30';
    for (let i = 1; i <= 12; i++)
      decided(`Grant ${i}`, `OPCC.D.${String(i).padStart(3, '0')}.26`, {
        signOffs: signedOffs(`2026-02-${String(i).padStart(2, '0')}`),
      });
    render(<App />);
    const notice = await screen.findByRole('region', {
      name: '12 decided records are not yet published after 14 days',
    });
    expect(
      within(notice)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `OPCC.D.${String(i + 1).padStart(3, '0')}.26`));
    expect(notice.textContent).toContain(
      '10 waiting longest are listed, and 2 more: choose the status Decided to see them all.',
    );
  });
});

describe('the publication settings', () => {
  it('saves how signatures and comments appear on the public copy and when a record is late, refusing days out of range', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: 'Publication' });
    expect((within(group).getByRole('radio', { name: 'As drawn' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole('radio', { name: /^As text: “Signed electronically by/ }));
    fireEvent.click(within(group).getByRole('checkbox', { name: /officers’ comments/ }));
    const days = within(group).getByLabelText('Late after this many days');
    fireEvent.change(days, { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await within(group).findByText('This must be at most 365.')).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(days, { target: { value: '' } });
    expect(within(group).getByText('Enter a whole number.')).toBeTruthy();
    fireEvent.change(days, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(fake.settings.template.publication).toEqual({ signatures: 'text', comments: false, overdueDays: 30 });
  });
});
