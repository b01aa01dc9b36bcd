// The signature pad, the submit panel and signing mode in jsdom: pointer events become strokes (the palm ignored),
// Undo and Clear; each missing field a button to it; and choosing a record to sign when none is open.

import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InkStroke } from '../../../renderer/src/ink.ts';
import { SignaturePad } from '../../../renderer/src/components/SignaturePad.tsx';
import { resetEditorStore } from '../../../renderer/src/stores/editor/store.ts';
import { resetSigningStore, useSigningStore } from '../../../renderer/src/stores/signing/store.ts';
import { resetSubmitStore } from '../../../renderer/src/stores/signing/submit.ts';
import { resetUiStore, useUiStore } from '../../../renderer/src/stores/ui/store.ts';
import { SigningView } from '../../../renderer/src/views/SigningView.tsx';
import { SubmitPanel } from '../../../renderer/src/views/SubmitPanel.tsx';
import { resetTrustStore } from '../../../renderer/src/stores/trust/store.ts';
import { TrustSettings } from '../../../renderer/src/views/TrustSettings.tsx';
import {
  COMPLETE,
  createSigningDesk,
  P12_PASSWORD,
  PIN,
  SEAL_PASSPHRASE,
  type SigningDesk,
  TEMPLATE,
} from './signing-desk.ts';

let changes: InkStroke[][];

function Pad() {
  const [strokes, setStrokes] = useState<InkStroke[]>([]);
  return (
    <SignaturePad
      strokes={strokes}
      onStrokesChange={(next) => {
        changes.push(next);
        setStrokes(next);
      }}
      label="Signature of the Chief Finance Officer"
    />
  );
}

const canvas = () => screen.getByRole('img', { name: 'Signature of the Chief Finance Officer' });

function pointer(type: 'pointerDown' | 'pointerMove' | 'pointerUp', init: PointerEventInit) {
  fireEvent[type](canvas(), { isPrimary: true, bubbles: true, button: 0, ...init });
}

function penStroke(pointerId: number, points: [number, number, number][]) {
  points.forEach(([clientX, clientY, pressure], i) => {
    const type = i === 0 ? 'pointerDown' : i === points.length - 1 ? 'pointerUp' : 'pointerMove';
    pointer(type, { pointerType: 'pen', pointerId, clientX, clientY, pressure });
  });
}

beforeEach(() => {
  changes = [];
  // jsdom has no 2D canvas; the pad draws nothing then, and its strokes are what is tested here.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the signature pad', () => {
  it('turns pen events into a stroke with pressure, ignores a palm meanwhile, and undoes and clears', () => {
    render(<Pad />);
    expect(screen.getByText('The box is empty.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Undo stroke' }) as HTMLButtonElement).disabled).toBe(true);

    pointer('pointerDown', { pointerType: 'pen', pointerId: 2, clientX: 10, clientY: 10, pressure: 0.25 });
    pointer('pointerDown', { pointerType: 'touch', pointerId: 9, clientX: 300, clientY: 200, pressure: 0.5 });
    pointer('pointerMove', { pointerType: 'touch', pointerId: 9, clientX: 320, clientY: 210, pressure: 0.5 });
    pointer('pointerMove', { pointerType: 'pen', pointerId: 2, clientX: 40, clientY: 20, pressure: 0.5 });
    pointer('pointerUp', { pointerType: 'touch', pointerId: 9, clientX: 320, clientY: 210, pressure: 0 });
    pointer('pointerUp', { pointerType: 'pen', pointerId: 2, clientX: 80, clientY: 25, pressure: 0.75 });

    expect(changes).toHaveLength(1);
    const [stroke] = changes[0]!;
    expect(stroke!.pointerType).toBe('pen');
    expect(stroke!.points.map((p) => p.pressure)).toEqual([0.25, 0.5, 0.75]);
    expect(screen.getByText('Signature drawn: 1 stroke.')).toBeTruthy();

    penStroke(3, [
      [100, 40, 0.5],
      [140, 60, 0.5],
    ]);
    expect(screen.getByText('Signature drawn: 2 strokes.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo stroke' }));
    expect(changes.at(-1)).toEqual([stroke]);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(changes.at(-1)).toEqual([]);
    expect(screen.getByText('The box is empty.')).toBeTruthy();
  });

  it('draws with the main mouse button only', () => {
    render(<Pad />);
    pointer('pointerDown', { pointerType: 'mouse', pointerId: 1, clientX: 10, clientY: 10, button: 2 });
    pointer('pointerUp', { pointerType: 'mouse', pointerId: 1, clientX: 50, clientY: 10, button: 2 });
    expect(changes).toEqual([]);
    pointer('pointerDown', { pointerType: 'mouse', pointerId: 1, clientX: 10, clientY: 10, pressure: 0.5 });
    pointer('pointerUp', { pointerType: 'mouse', pointerId: 1, clientX: 50, clientY: 10, pressure: 0 });
    expect(changes[0]![0]!.pointerType).toBe('mouse');
  });
});

describe('the submit panel', () => {
  let fake: SigningDesk;

  beforeEach(() => {
    fake = createSigningDesk();
    window.desk = fake.desk;
    resetSubmitStore();
  });

  afterEach(() => {
    delete window.desk;
  });

  it('lists what is missing, each a button that puts the cursor in its field', async () => {
    const record = fake.add('draft', { title: '', originator: 'Chief Executive' });
    render(
      <>
        <input id="field-title" aria-label="Title" />
        <fieldset id="field-impact-equalityImpactAssessment">
          <input type="radio" name="eia" aria-label="Yes" />
        </fieldset>
        <SubmitPanel record={record} saveFirst={async () => fake.records.get(record.id)!} onSubmitted={() => {}} />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Submit for signatures' }));
    const title = await screen.findByRole('button', { name: 'Add a title.' });
    expect(screen.getByRole('alert').textContent).toContain('Not submitted: the record is not complete yet.');

    fireEvent.click(title);
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
    fireEvent.click(
      screen.getByRole('button', { name: 'Answer whether an Equality Impact Assessment has been completed.' }),
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Yes'));
  });

  it('hands over the submitted record, which then shows as awaiting signatures with its reference', async () => {
    const record = fake.add('draft');
    let submitted: unknown = null;
    const { rerender } = render(
      <SubmitPanel record={record} saveFirst={async () => record} onSubmitted={(next) => (submitted = next)} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Submit for signatures' }));
    await screen.findByText('Submitted for signatures as OPCC.D.001.26. Its content is now locked.');
    const locked = fake.records.get(record.id)!;
    expect(submitted).toEqual(locked);
    rerender(<SubmitPanel record={locked} saveFirst={async () => locked} onSubmitted={() => {}} />);
    expect(
      screen.getByText('Awaiting signatures as OPCC.D.001.26: 0 of 3 signed. The content is locked.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open signing mode' })).toBeTruthy();
  });
});

describe('signing mode with no record open', () => {
  let fake: SigningDesk;

  beforeEach(() => {
    fake = createSigningDesk();
    window.desk = fake.desk;
    resetEditorStore();
    resetSigningStore();
    resetUiStore();
  });

  afterEach(() => {
    delete window.desk;
  });

  it('lists the records awaiting signatures, and opens the one chosen at its first signatory', async () => {
    const awaiting = fake.add('awaiting-signatures', { ...COMPLETE, title: 'Body-worn video replacement' });
    useUiStore.getState().viewChosen('signing');
    render(<SigningView />);
    expect(screen.getByRole('heading', { level: 2, name: 'Choose a record to sign' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /Body-worn video replacement/ }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Chief Finance Officer' })).toBeTruthy();
    expect(useUiStore.getState().view).toBe('signing');
    expect(useSigningStore.getState().record?.id).toBe(awaiting.id);
    expect(fake.calls.find((c) => c.method === 'records.list')!.input).toMatchObject({
      status: ['awaiting-signatures'],
    });
  });

  it('refuses comments pasted beyond what the box holds, saying so', async () => {
    fake.enrol('signatory', 'chief-finance-officer', 'Pat Finance');
    fake.add('awaiting-signatures', { ...COMPLETE, title: 'Body-worn video replacement' });
    useUiStore.getState().viewChosen('signing');
    render(<SigningView />);
    fireEvent.click(await screen.findByRole('button', { name: /Body-worn video replacement/ }));
    const comments = (await screen.findByLabelText('Comments (optional)')) as HTMLTextAreaElement;
    const pasted = fireEvent.paste(comments, { clipboardData: { getData: () => 'w'.repeat(20_001) } });
    expect(pasted).toBe(false);
    expect(
      await screen.findByText(/^Not pasted: the text is 20,001 characters and this field holds at most 20,000/),
    ).toBeTruthy();
    expect(comments.value).toBe('');
  });
});

describe('the pad with keys', () => {
  let fake: SigningDesk;

  beforeEach(() => {
    fake = createSigningDesk();
    window.desk = fake.desk;
    resetEditorStore();
    resetSigningStore();
    resetUiStore();
  });

  afterEach(() => {
    delete window.desk;
  });

  async function openFirst() {
    fake.add('awaiting-signatures', { ...COMPLETE, title: 'Body-worn video replacement' });
    useUiStore.getState().viewChosen('signing');
    render(<SigningView />);
    fireEvent.click(await screen.findByRole('button', { name: /Body-worn video replacement/ }));
    await screen.findByRole('heading', { level: 2, name: 'Chief Finance Officer' });
  }

  it('shows whose key signs, the sentence signed, and a PIN field the browser does not remember', async () => {
    fake.enrol('signatory', 'chief-finance-officer', 'Pat Finance');
    await openFirst();
    expect(screen.getByText(/Signing as/).textContent).toContain('Pat Finance');
    const intent = screen.getByRole('blockquote', { name: 'What you sign' });
    expect(intent.textContent).toMatch(
      /^I, Pat Finance, Chief Finance Officer, have read record OPCC\.D\.\d{3}\.26, “Body-worn video replacement”/,
    );
    const pin = screen.getByLabelText('Your PIN') as HTMLInputElement;
    expect([pin.type, pin.inputMode, pin.autocomplete]).toEqual(['password', 'numeric', 'off']);
    expect(screen.getByRole('button', { name: 'Sign' }).getAttribute('aria-describedby')).toContain(intent.id);
  });

  it('puts a wrong PIN’s refusal beside the PIN field and keeps the ink', async () => {
    fake.enrol('signatory', 'chief-finance-officer', 'Pat Finance');
    await openFirst();
    const ink: InkStroke[] = [
      {
        pointerType: 'pen',
        points: [
          { x: 10, y: 10, pressure: 0.5, time: 0 },
          { x: 90, y: 40, pressure: 0.5, time: 30 },
        ],
      },
    ];
    useSigningStore.getState().strokesChanged(ink);
    fireEvent.change(screen.getByLabelText('Your PIN'), { target: { value: '000000' } });
    // jsdom draws no canvas: the PNG is made by the store's caller, so the request is made here as Sign would.
    await useSigningStore.getState().signRequested('data:image/png;base64,iVBORw0KGgo=');
    const pin = await screen.findByLabelText('Your PIN');
    const error = document.getElementById(pin.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(error.textContent).toContain('The PIN is not right (9 tries left).');
    expect(screen.getByRole('alert').textContent).toContain(
      'The signature was not saved. The PIN is not right (9 tries left).',
    );
    expect(screen.getByText('Signature drawn: 1 stroke.')).toBeTruthy();
  });

  it('offers no pad for a role with no key on this device, and points to Settings', async () => {
    await openFirst();
    expect(
      screen.getByText(
        'There is no signing key for the Chief Finance Officer on this device, so they cannot sign here yet.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Signature of/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(useUiStore.getState().view).toBe('settings');
  });

  it('signs without drawing: the typed name and the PIN', async () => {
    fake.enrol('signatory', 'chief-finance-officer', 'Pat Finance');
    await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Sign without drawing…' }));
    expect(screen.queryByRole('img', { name: /Signature of/ })).toBeNull();
    expect(screen.getByRole('blockquote', { name: 'What you sign' }).textContent).toContain(
      'I, Pat Finance, Chief Finance Officer',
    );
    fireEvent.change(screen.getByLabelText('Type your name to sign'), { target: { value: 'Pat Finance' } });
    fireEvent.change(screen.getByLabelText('Your PIN'), { target: { value: PIN } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await screen.findByText('Signed by Pat Finance as Chief Finance Officer.');
    expect(fake.calls.find((c) => c.method === 'records.sign')!.input).toMatchObject({
      method: 'typed',
      image: null,
      strokes: [],
    });
  });
});

describe('Settings: office seal and signatories', () => {
  let fake: SigningDesk;

  beforeEach(() => {
    fake = createSigningDesk();
    window.desk = fake.desk;
    resetTrustStore();
  });

  afterEach(() => {
    delete window.desk;
  });

  it('creates the seal with the passphrase twice, saying where it went wrong, then shows its fingerprint in fours', async () => {
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    const form = await screen.findByRole('form', { name: 'Create the office seal' });
    expect(form.textContent).toContain('The passphrase cannot be recovered.');
    fireEvent.change(screen.getByLabelText('Passphrase for the seal'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the office seal' }));
    expect(await screen.findByText('The passphrase must be at least 12 characters long.')).toBeTruthy();
    expect(screen.getByLabelText('Passphrase for the seal').getAttribute('aria-invalid')).toBe('true');
    expect(
      screen
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toContain('The seal was not created. Correct the fields marked.');

    fireEvent.change(screen.getByLabelText('Passphrase for the seal'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.change(screen.getByLabelText('The passphrase again'), { target: { value: 'correct horse battery!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the office seal' }));
    expect(await screen.findByText('The two passphrases are not the same.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('The passphrase again'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the office seal' }));
    await screen.findByText('The office seal is created and pinned in the template.');
    expect(document.querySelector('.trust-fingerprint')!.textContent).toBe(`${'0000 '.repeat(15)}FEED`);
    expect([...document.querySelectorAll('.trust-fingerprint-line')].map((line) => line.textContent)).toEqual([
      '0000 '.repeat(8).trim(),
      `${'0000 '.repeat(7)}FEED`,
    ]);
    expect(fake.calls.filter((c) => c.method === 'trust.createSeal')).toHaveLength(1);
  });

  it('imports the seal from IT: the file is asked for, and a wrong password is said by its field', async () => {
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    const form = await screen.findByRole('form', { name: 'Import the seal from IT (.p12/.pfx)' });
    fireEvent.change(screen.getByLabelText('New passphrase for the seal'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.change(screen.getByLabelText('The new passphrase again'), { target: { value: SEAL_PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Import the seal' }));
    expect(await screen.findByText('Choose the .p12 or .pfx file IT gave you.')).toBeTruthy();
    expect(fake.calls.filter((c) => c.method === 'trust.importSeal')).toEqual([]);

    const file = new File([new Uint8Array([0x30, 0x82, 0x01, 0x00])], 'office-seal.p12', {
      type: 'application/x-pkcs12',
    });
    fireEvent.change(screen.getByLabelText('The .p12 or .pfx file'), { target: { files: [file] } });
    fireEvent.change(screen.getByLabelText('The file’s password, from IT'), { target: { value: 'guess' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import the seal' }));
    const password = screen.getByLabelText('The file’s password, from IT');
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('The passphrase does not open this .p12 file.');
    expect(fake.calls.find((c) => c.method === 'trust.importSeal')!.input).toMatchObject({
      base64: 'MIIBAA==',
      p12Passphrase: 'guess',
    });

    fireEvent.change(password, { target: { value: P12_PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Import the seal' }));
    await screen.findByText('The office seal from IT is installed and pinned in the template.');
    expect(document.querySelector('.trust-fingerprint')!.textContent).toBe(`${'0000 '.repeat(15)}BEEF`);
  });

  it('enrols a signatory with the name from the template, puts a wrong seal passphrase by its field, and revokes after saying what it means', async () => {
    fake.createSeal();
    render(<TrustSettings template={TEMPLATE} defaultRecorder="Alex Assistant" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Enrol the Chief Finance Officer' }));
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe(TEMPLATE.signatories[0]!.defaultName);
    fireEvent.change(name, { target: { value: 'Pat Finance' } });
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: PIN } });
    fireEvent.change(screen.getByLabelText('The PIN again'), { target: { value: PIN } });
    fireEvent.change(screen.getByLabelText('The seal’s passphrase (administrator)'), {
      target: { value: 'not the passphrase' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    const passphrase = await screen.findByLabelText('The seal’s passphrase (administrator)');
    await screen.findByText('The seal’s passphrase is not right.');
    expect(passphrase.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toContain('Not enrolled. The seal’s passphrase is not right.');

    fireEvent.change(passphrase, { target: { value: SEAL_PASSPHRASE } });
    fireEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    await screen.findByText('Pat Finance is enrolled as Chief Finance Officer on this device.');
    expect(screen.getByText(/^Can sign; valid until/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Pat Finance’s key' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke Pat Finance’s key?' });
    expect(dialog.textContent).toContain('From now on this key cannot sign');
    expect(dialog.textContent).toContain('It cannot be undone.');
    fireEvent.change(screen.getByLabelText('The seal’s passphrase (administrator)'), {
      target: { value: SEAL_PASSPHRASE },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the key' }));
    await screen.findByText(/^Pat Finance’s key is revoked/);
    expect(screen.getByText(/^Revoked on/)).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'trust.revoke')!.input).toMatchObject({
      reason: 'key-compromise',
      fingerprint: fake.keys[0]!.certificate!.fingerprint,
    });
  });
});
