// The register's own columns: the decision maker and category appear only when the office's template has several
// decision makers or categories, filled from the lines the service sends. And what the register says of a search's
// count: the number, and "1,000+" with the way to the rest past the search's cap.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type OfficeTemplate,
  OfficeTemplateSchema,
  SEARCH_COUNT_CAP,
  upgradeTemplate,
} from '../../../electron/core/domain/index.ts';
import { App } from '../../../renderer/src/App.tsx';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import londonJson from '../../../resources/templates/london.json' with { type: 'json' };
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';
import { FixedSizeObserver } from './layout.ts';

let fake: FakeDesk;

const london: OfficeTemplate = OfficeTemplateSchema.parse(upgradeTemplate(londonJson));

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FixedSizeObserver);
  fake = createFakeDesk();
  window.desk = fake.desk;
  for (const reset of [resetUiStore, resetRecordsStore, resetEditorStore, resetSettingsStore, resetSyncStore]) reset();
});

afterEach(() => {
  cleanup();
  resetEditorStore();
  resetSyncStore();
  vi.unstubAllGlobals();
  delete window.desk;
});

const headings = () => [...document.querySelectorAll('.register-columns .cell')].map((cell) => cell.textContent);

describe('the register of an office whose template has several decision makers and categories', () => {
  it('shows the decision maker, with capacity, and the category of each line', async () => {
    fake.settings = { ...fake.settings, template: london };
    fake.seed(2, (i) => ({
      template: 'london',
      title: ['Violence reduction grants', 'Budget for 2026-27'][i]!,
      ...(i === 0 ? { decisionMaker: 'deputy-mayor', category: 'general' } : { category: 'precept' }),
    }));
    render(<App />);
    const list = await screen.findByRole('listbox', { name: 'Records of decision' });
    const options = await within(list).findAllByRole('option');
    expect(headings()).toEqual([
      'Reference',
      'Title',
      'Originator',
      'Decision maker',
      'Category',
      'Status',
      'Classification',
      'Last changed',
    ]);
    const line = (title: string) => options.find((o) => o.textContent!.includes(title))!;
    const cell = (title: string, name: string) => line(title).querySelector(`.cell-${name}`)!.textContent;
    const label = (id: string) => london.categories.find((c) => c.id === id)!.label;
    expect(cell('Violence reduction grants', 'decision-maker')).toBe(
      "Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation",
    );
    expect(cell('Violence reduction grants', 'category')).toBe(label('general'));
    expect(cell('Budget for 2026-27', 'decision-maker')).toBe(
      london.signatories.find((s) => s.role === 'mayor')!.label,
    );
    expect(cell('Budget for 2026-27', 'category')).toBe(label('precept'));
  });

  it('keeps the columns as they were for a template with one decision maker and no categories', async () => {
    fake.seed(1, () => ({ title: 'Vehicle fleet' }));
    render(<App />);
    const list = await screen.findByRole('listbox', { name: 'Records of decision' });
    const [option] = await within(list).findAllByRole('option');
    expect(headings()).toEqual(['Reference', 'Title', 'Originator', 'Status', 'Classification', 'Last changed']);
    expect(option!.querySelector('.cell-decision-maker, .cell-category')).toBeNull();
  });
});

describe('the count of a search', () => {
  it('says "1,000+" past the cap, in the status a screen reader announces, and the exact count below it', async () => {
    fake.seed(SEARCH_COUNT_CAP + 5, (i) => ({ title: i < 3 ? `Rare helicopter ${i}` : `Police fleet ${i}` }));
    render(<App />);
    const box = await screen.findByRole('searchbox');
    fireEvent.change(box, { target: { value: 'police' } });
    const status = await screen.findByText(/^1,000\+ records match “police”/);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe(
      '1,000+ records match “police”: the first 1,000 are shown; add a word or a filter to narrow them',
    );
    // The list holds the lines it shows, as a screen reader hears it ("1 of 1,000"): no more than the cap.
    const [first] = within(screen.getByRole('listbox', { name: 'Records of decision' })).getAllByRole('option');
    expect(first!.getAttribute('aria-setsize')).toBe(String(SEARCH_COUNT_CAP));

    fireEvent.change(box, { target: { value: 'helicopter' } });
    await screen.findByText('3 records match “helicopter”');
  });
});
