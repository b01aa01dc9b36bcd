// The Settings page's template parts in the window: a shipped template chosen and confirmed in a dialog; a series
// added, refused at its field and in the save summary, and removed.

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetSettingsStore, useSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { SettingsView } from '../../../renderer/src/views/SettingsView.tsx';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetSettingsStore();
});

afterEach(() => {
  cleanup();
  delete window.desk;
});

describe('the Settings page', () => {
  it('starts from a shipped template only once the dialog is confirmed', async () => {
    render(<SettingsView />);
    const select = await screen.findByLabelText('Start from a shipped template');
    await screen.findByRole('option', { name: /Mayor's Office for Policing and Crime/ });
    fireEvent.change(select, { target: { value: 'london' } });
    expect(screen.getByText('One continuous series that never restarts.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use this template…' }));
    const dialog = screen.getByRole('dialog', { name: 'Use this shipped template?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('templates.import')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Use this template…' }));
    fireEvent.click(
      within(screen.getByRole('dialog', { name: 'Use this shipped template?' })).getByRole('button', {
        name: 'Use this template',
      }),
    );
    await screen.findByText(/^New records now use Mayor's Office for Policing and Crime \(london\), version 1/);
    expect(fake.callsOf('templates.import')).toEqual([{ shipped: 'london' }]);
    expect((screen.getByLabelText('Police area') as HTMLInputElement).value).toBe('London');
  });

  it('adds a series, shows its problem at the field and in the summary, and removes it again', async () => {
    render(<SettingsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a series' }));
    // An import now would replace the unsaved series: the page says so.
    expect(screen.getByText(/^The form has changes to the template that are not saved yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove series 1' }).hasAttribute('disabled')).toBe(false);
    const pattern = screen.getByLabelText('Series 2: reference pattern');
    fireEvent.change(pattern, { target: { value: 'X {nnn}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = await screen.findByRole('group', { name: 'Not saved: one field needs correcting' });
    expect(within(summary).getByRole('link').textContent).toMatch(
      /^Series 2: reference pattern: Numbers that restart each year need the year/,
    );
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    expect(pattern.getAttribute('aria-describedby')).toContain('setting-template-numbering-series-1-pattern-error');
    expect(fake.callsOf('settings.update')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Remove series 2' }));
    await waitFor(() => expect(screen.queryByLabelText('Series 2: reference pattern')).toBeNull());
    expect(screen.getByRole('button', { name: 'Remove series 1' }).hasAttribute('disabled')).toBe(true);
    expect(useSettingsStore.getState().errors).toEqual({});
  });
});
