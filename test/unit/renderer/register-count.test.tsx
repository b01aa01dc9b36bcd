// What the register says of its search: the count, and "1,000+" with the way to the rest past the search's cap.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_COUNT_CAP } from '../../../electron/core/domain/index.ts';
import { App } from '../../../renderer/src/App.tsx';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { resetSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetUiStore } from '../../../renderer/src/stores/ui/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;

class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    Object.defineProperty(target, 'clientHeight', { configurable: true, value: 600 });
    this.callback([], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

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

describe('the count of a search', () => {
  it('says "1,000+" past the cap, in the status a screen reader announces, and the exact count below it', async () => {
    fake.seed(SEARCH_COUNT_CAP + 5, (i) => ({ title: i < 3 ? `Rare helicopter ${i}` : `Police fleet ${i}` }));
    render(<App />);
    const box = await screen.findByRole('searchbox');
    fireEvent.change(box, { target: { value: 'police' } });
    const status = await screen.findByText(/^1,000\+ records match “police”/);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('1,000+ records match “police”: the first 1,000 are shown; add a word or a filter to narrow them');
    // The list holds the lines it shows, as a screen reader hears it ("1 of 1,000"): no more than the cap.
    const [first] = within(screen.getByRole('listbox', { name: 'Records of decision' })).getAllByRole('option');
    expect(first!.getAttribute('aria-setsize')).toBe(String(SEARCH_COUNT_CAP));

    fireEvent.change(box, { target: { value: 'helicopter' } });
    await screen.findByText('3 records match “helicopter”');
  });
});
