// The register's own columns: the decision maker and category appear only when the office's template has several
// decision makers or categories, filled from the lines the service sends.

import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OfficeTemplate, OfficeTemplateSchema, upgradeTemplate } from '../../../electron/core/domain/index.ts';
import { App } from '../../../renderer/src/App.tsx';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import londonJson from '../../../resources/templates/london.json' with { type: 'json' };
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;

/** jsdom lays nothing out: the list is told it is 600 px tall, as a window would be. */
class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    Object.defineProperty(target, 'clientHeight', { configurable: true, value: 600 });
    this.callback([], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

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
    expect(headings()).toEqual(['Reference', 'Title', 'Originator', 'Decision maker', 'Category', 'Status', 'Classification', 'Last changed']);
    const line = (title: string) => options.find((o) => o.textContent!.includes(title))!;
    const cell = (title: string, name: string) => line(title).querySelector(`.cell-${name}`)!.textContent;
    const label = (id: string) => london.categories.find((c) => c.id === id)!.label;
    expect(cell('Violence reduction grants', 'decision-maker')).toBe("Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation");
    expect(cell('Violence reduction grants', 'category')).toBe(label('general'));
    expect(cell('Budget for 2026-27', 'decision-maker')).toBe(london.signatories.find((s) => s.role === 'mayor')!.label);
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
