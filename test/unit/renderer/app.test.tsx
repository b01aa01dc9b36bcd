// The window in jsdom: the empty register, New record, the title field, with only window.desk replaced.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App.tsx';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetRecordsStore } from '../../../renderer/src/stores/records/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetRecordsStore();
  resetEditorStore();
});

afterEach(() => {
  cleanup();
  delete window.desk;
});

describe('the window', () => {
  it('shows an empty register, then a new record in it, opened with its title field focused', async () => {
    render(<App />);
    expect(await screen.findByText('No records yet. Choose New record to start one.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'No record open' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New record' }));

    const table = await screen.findByRole('table', { name: /Records of decision/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByText('Not yet assigned')).toBeTruthy();
    expect(within(rows[1]!).getByText('Draft')).toBeTruthy();
    expect(within(rows[1]!).getByRole('button', { name: 'Untitled record' }).getAttribute('aria-current')).toBe('true');
    expect(screen.getByText('1 record')).toBeTruthy();

    const title = screen.getByLabelText('Title');
    expect(document.activeElement).toBe(title);
  });

  it('saves a title and shows it in the register and the heading', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'New record' }));
    const title = await screen.findByLabelText('Title');
    fireEvent.change(title, { target: { value: 'Victim services commissioning' } });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Victim services commissioning' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Victim services commissioning' })).toBeTruthy();
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('says so, with a way to try again, when the register cannot be loaded', async () => {
    fake.failNext('records.list', { code: 'unavailable', message: 'Decision Desk is not responding.' });
    render(<App />);
    const alert = await screen.findByText(/The records could not be loaded/);
    expect(alert.textContent).toContain('Decision Desk is not responding.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No records yet. Choose New record to start one.')).toBeTruthy();
  });
});
