// Trust across devices in the window: a second device pins the seal by its fingerprint and asks for keys; the seal's
// device lists the requests and approves them with the passphrase; Verify shared folder, while it runs and after.

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetSettingsStore, useSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { resetSyncStore, useSyncStore } from '../../../renderer/src/stores/sync/store.ts';
import { resetTrustStore } from '../../../renderer/src/stores/trust/store.ts';
import { ConflictsView } from '../../../renderer/src/views/ConflictsView.tsx';
import { TrustSettings } from '../../../renderer/src/views/TrustSettings.tsx';
import { createSigningDesk, PIN, SEAL_PASSPHRASE, type SigningDesk, TEMPLATE } from './signing-desk.ts';

let fake: SigningDesk;

beforeEach(() => {
  fake = createSigningDesk();
  window.desk = fake.desk;
  resetTrustStore();
  resetSettingsStore();
  resetSyncStore();
});

afterEach(() => {
  cleanup();
  resetSyncStore();
  delete window.desk;
});

const FINGERPRINT = `${'0'.repeat(60)}feed`;
const callsOf = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.input);
const alerts = () =>
  screen
    .getAllByRole('alert')
    .map((a) => a.textContent)
    .join(' ');

describe('a second device pins the office seal', () => {
  it('takes the fingerprint in fours with spaces and colons, says where a wrong one is wrong, and then waits for the certificate', async () => {
    await useSettingsStore.getState().settingsOpened();
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    const form = await screen.findByRole('form', { name: 'This office already has a seal' });
    expect(form.textContent).toContain('Read the fingerprint from the administrator’s device, or from IT');
    expect(form.textContent).toContain('never from the shared folder');
    const field = within(form).getByLabelText('The seal’s fingerprint (SHA-256)');

    fireEvent.change(field, { target: { value: '0000 0000 FEED' } });
    // Read back in fours, as the administrator's device shows it, with how many digits so far.
    expect(form.querySelector('.trust-fingerprint-readback')!.textContent).toBe('As read: 0000 0000 FEED 12 of 64');
    fireEvent.click(within(form).getByRole('button', { name: 'Pin the office seal' }));
    expect(await within(form).findByText(/^The fingerprint has 12 digits; it has 64/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(alerts()).toContain('The seal was not pinned. Correct the fields marked.');

    fireEvent.change(field, { target: { value: `${'0000 '.repeat(15)}FEEG` } });
    fireEvent.click(within(form).getByRole('button', { name: 'Pin the office seal' }));
    expect(
      await within(form).findByText('A fingerprint has only the digits 0–9 and the letters A–F, not “G”.'),
    ).toBeTruthy();
    expect(callsOf('settings.update')).toEqual([]);

    // As another tool prints it: pairs with colons, upper case.
    const colons = (FINGERPRINT.toUpperCase().match(/../g) ?? []).join(':');
    fireEvent.change(field, { target: { value: colons } });
    // The field's problem goes as it is edited, and with it the form's "correct the fields marked".
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(within(form).getByRole('alert').textContent).toBe('');
    fireEvent.click(within(form).getByRole('button', { name: 'Pin the office seal' }));
    await screen.findByText('The office seal is pinned. Sync now fetches its certificate from the shared folder.');
    const [update] = callsOf('settings.update') as { patch: { template: Record<string, unknown> } }[];
    // The whole template as saved, with only the fingerprint changed.
    expect(update!.patch.template).toEqual({ ...TEMPLATE, sealFingerprint: FINGERPRINT });
    const pending = document.querySelector('.trust-pending')!;
    expect(pending.textContent).toContain('Waiting for the seal’s certificate from the shared folder.');
    expect(pending.textContent).toContain(`${'0000 '.repeat(15)}FEED`);
    // Settings' form has it too: a later Save settings keeps the seal pinned.
    expect(useSettingsStore.getState().draft!.template.sealFingerprint).toBe(FINGERPRINT);
    expect(screen.queryByRole('form', { name: 'Create the office seal' })).toBeNull();
  });

  it('keeps the seal pinned in Settings’ form after the seal is created here', async () => {
    await useSettingsStore.getState().settingsOpened();
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    await screen.findByRole('form', { name: 'Create the office seal' });
    fireEvent.change(screen.getByLabelText('Passphrase for the seal'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.change(screen.getByLabelText('The passphrase again'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the office seal' }));
    await screen.findByText('The office seal is created and pinned in the template.');
    expect(useSettingsStore.getState().draft!.template.sealFingerprint).toBe(FINGERPRINT);
    expect(useSettingsStore.getState().settings!.template.sealFingerprint).toBe(FINGERPRINT);
  });
});

describe('asking for a key on a device without the seal', () => {
  it('asks with the PIN twice and no passphrase, waits for the administrator, and signs once a pass brings the certificate', async () => {
    fake.sealElsewhere(true);
    useSyncStore.getState().syncWatchStarted();
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    expect(await screen.findByText(/Enrolling and revoking need the seal’s key/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enrol the Chief Finance Officer' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Requests from other devices' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Ask for a key for the Chief Finance Officer' }));
    const form = screen.getByRole('form', { name: 'Ask for a key for the Chief Finance Officer' });
    expect(within(form).queryByLabelText('The seal’s passphrase (administrator)')).toBeNull();
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Priya Shah' } });
    fireEvent.change(within(form).getByLabelText('PIN'), { target: { value: PIN } });
    fireEvent.change(within(form).getByLabelText('The PIN again'), { target: { value: '135790' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ask for a key' }));
    expect(await within(form).findByText('The two PINs are not the same.')).toBeTruthy();
    expect(callsOf('trust.requestEnrolment')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('The PIN again'), { target: { value: PIN } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ask for a key' }));
    await screen.findByText(/^A key for Priya Shah as Chief Finance Officer is made on this device and asked for\./);
    expect(callsOf('trust.requestEnrolment')).toEqual([
      { kind: 'signatory', role: 'chief-finance-officer', name: 'Priya Shah', pin: PIN },
    ]);
    expect(
      screen.getByText('Waiting for the administrator to approve (on the device that holds the seal)'),
    ).toBeTruthy();

    // The administrator approves on the seal's device; this device's next pass brings the certificate.
    fake.certifyWaiting();
    fake.synced();
    await useSyncStore.getState().statusRequested();
    expect(await screen.findByText(/^Can sign; valid until/)).toBeTruthy();
  });

  it('asks for a publishing key with no PIN when this device cannot publish, then says it waits', async () => {
    fake.sealElsewhere(false);
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    expect(await screen.findByText(/^This device has no publishing key/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Let this device publish' }));
    expect(
      await screen.findByText(/^Waiting for the administrator to approve this device’s publishing key/),
    ).toBeTruthy();
    expect(callsOf('trust.requestEnrolment')).toEqual([{ kind: 'publisher', name: TEMPLATE.officeName, pin: null }]);
    expect(screen.queryByRole('button', { name: 'Let this device publish' })).toBeNull();
  });

  it('says why nothing can be asked for before the seal is pinned', async () => {
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    await screen.findByRole('form', { name: 'This office already has a seal' });
    expect(screen.queryByRole('button', { name: /^Ask for a key/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Let this device publish' })).toBeNull();
  });
});

describe('approving on the device that holds the seal', () => {
  it('lists each request with who, what role, which device and when; approves after showing exactly that, with the passphrase', async () => {
    fake.createSeal();
    const cfo = fake.requestFrom('signatory', 'chief-finance-officer', 'Priya Shah', 'Signing tablet');
    fake.requestFrom('publisher', null, 'Police and Crime Commissioner', 'Signing tablet');
    fake.requests.push({
      ...fake.requests[1]!,
      id: 'recorder-00000000-0000-4000-9000-000000000099',
      kind: 'recorder',
      name: 'Alex Morgan',
      approvedAs: 'ab'.repeat(32),
    });
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    const list = await screen.findByRole('list', { name: 'Requests from other devices' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Priya ShahChief Finance OfficerDeviceSigning tabletAsked.+Approve$/),
      expect.stringMatching(
        /^Police and Crime CommissionerPublishing key: seals what that device publishesDeviceSigning tablet.+Approve$/,
      ),
      expect.stringMatching(/^Alex MorganRecorder of paper signatures.+Approved$/),
    ]);

    fireEvent.click(within(list).getByRole('button', { name: 'Approve Priya Shah as Chief Finance Officer' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve Priya Shah as Chief Finance Officer?' });
    expect(dialog.textContent).toContain('NamePriya Shah');
    expect(dialog.textContent).toContain('RoleChief Finance Officer');
    expect(dialog.textContent).toContain('DeviceSigning tablet');
    expect(dialog.textContent).toContain('Approve only when you know Priya Shah asked, on Signing tablet');
    const passphrase = within(dialog).getByLabelText('The seal’s passphrase (administrator)');
    fireEvent.change(passphrase, { target: { value: 'not the passphrase' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await within(dialog).findByText('The seal’s passphrase is not right.');
    expect(passphrase.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toBe('Not approved. The seal’s passphrase is not right.');

    fireEvent.change(passphrase, { target: { value: SEAL_PASSPHRASE } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await screen.findByText(/^Approved: Priya Shah as Chief Finance Officer\./);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf('trust.approve')).toEqual([
      { requestId: cfo, sealPassphrase: 'not the passphrase' },
      { requestId: cfo, sealPassphrase: SEAL_PASSPHRASE },
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Requests from other devices' })).getAllByText('Approved'),
    ).toHaveLength(2);
  });

  it('says when there are no requests', async () => {
    fake.createSeal();
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    expect(await screen.findByText(/^None\. A device asks for a key in its own Settings/)).toBeTruthy();
  });
});

describe('Verify shared folder', () => {
  it('shows that it is checking while the window stays usable, then that all verify', async () => {
    let release!: () => void;
    fake.shareCheck.hold = new Promise((resolve) => (release = resolve));
    fake.shareCheck.result = { checked: 1204, problems: [] };
    render(<ConflictsView />);
    const button = await screen.findByRole('button', { name: 'Verify shared folder' });
    fireEvent.click(button);
    expect(await screen.findByText(/^Checking every published record on the shared folder\./)).toBeTruthy();
    expect(button.textContent).toBe('Verifying…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // Pressed again meanwhile: still one check.
    fireEvent.click(button);
    expect(callsOf('sync.verifyShare')).toHaveLength(1);

    release();
    expect(await screen.findByText(/^Checked 1,204 published records: all verify\./)).toBeTruthy();
    expect(button.textContent).toBe('Verify shared folder');
    expect(screen.getByText(/^Checked 1,204/).closest('[role="status"]')).toBeTruthy();
  });

  it('lists each record that does not verify, with its reference, reason and where it is', async () => {
    fake.shareCheck.result = {
      checked: 3,
      problems: [
        {
          path: 'decisions/2026/OPCC.D.004.26',
          reference: 'OPCC.D.004.26',
          reason: 'OPCC.D.004.26.pdf does not match the manifest',
        },
        { path: 'decisions/2026/stray', reference: null, reason: 'it has no manifest.json' },
      ],
    };
    render(<ConflictsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Verify shared folder' }));
    expect(await screen.findByText(/^Checked 3 published records: 2 do not verify\. Nothing was changed/)).toBeTruthy();
    const problems = screen.getByRole('list', { name: 'Published records that do not verify' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'OPCC.D.004.26: OPCC.D.004.26.pdf does not match the manifest decisions/2026/OPCC.D.004.26',
      'decisions/2026/stray: it has no manifest.json',
    ]);
  });
});
