// The signing, submit and verify stores, with only window.desk replaced (by an in-memory desk on the domain rules).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditEntry, intentStatement } from '../../../electron/core/domain/index.ts';
import type { InkStroke } from '../../../renderer/src/ink.ts';
import { localDate } from '../../../renderer/src/stores/signing/actions.ts';
import { latestReturn, signatorySteps, signingSelectors } from '../../../renderer/src/stores/signing/selectors.ts';
import { resetSigningStore, useSigningStore } from '../../../renderer/src/stores/signing/store.ts';
import { resetSubmitStore, useSubmitStore } from '../../../renderer/src/stores/signing/submit.ts';
import { resetVerifyStore, useVerifyStore } from '../../../renderer/src/stores/signing/verify.ts';
import { COMPLETE, createSigningDesk, PIN, PNG, type SigningDesk, TEMPLATE } from './signing-desk.ts';

let fake: SigningDesk;
const signing = () => useSigningStore.getState();
const submit = () => useSubmitStore.getState();
const called = (method: string) => fake.calls.filter((c) => c.method === method);

const INK: InkStroke[] = [
  {
    pointerType: 'pen',
    points: [
      { x: 10, y: 10, pressure: 0.4, time: 0 },
      { x: 60, y: 30, pressure: 0.7, time: 40 },
    ],
  },
];

/** Signs as the holder of the role's key on this device, whose name is `name`. */
async function signAs(role: string, name: string, pin = PIN) {
  signing().signatoryChosen(role);
  expect(signing().name).toBe(name);
  signing().strokesChanged(INK);
  signing().pinEdited(pin);
  return signing().signRequested(PNG);
}

const NAMES: Record<string, string> = {
  'chief-finance-officer': 'Pat Finance',
  'chief-executive': 'Chris Executive',
  commissioner: 'Sam Commissioner',
};

beforeEach(() => {
  fake = createSigningDesk();
  for (const [role, name] of Object.entries(NAMES)) fake.enrol('signatory', role, name);
  window.desk = fake.desk;
  resetSigningStore();
  resetSubmitStore();
  resetVerifyStore();
});

afterEach(() => {
  delete window.desk;
});

describe('signing mode: the order of signatories', () => {
  it('opens at the first officer, signing as the holder of the key enrolled for the role, with the print preview', async () => {
    const record = fake.add('awaiting-signatures', COMPLETE, { 'chief-finance-officer': 'Someone On The Record' });
    await signing().signingOpened(record.id);
    expect(signing().phase).toBe('ready');
    expect(signing().activeRole).toBe('chief-finance-officer');
    expect(signing().name).toBe('Pat Finance');
    expect(signing().keyId).toBe(fake.keys[0]!.id);
    expect(signing().trust?.keys).toHaveLength(3);
    expect(signing().previewHtml).toContain('Grants to community safety partnerships');
    expect(signatorySteps(signing().record!, TEMPLATE).map((s) => s.title)).toEqual([
      'Chief Finance Officer',
      'Chief Executive',
      'Police and Crime Commissioner for Kent',
    ]);
  });

  it('says why the Commissioner cannot sign yet, and refuses Sign with that reason without asking the service', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    const commissioner = signatorySteps(signing().record!, TEMPLATE)[2]!;
    expect(commissioner.check).toEqual({
      ok: false,
      reason:
        'Police and Crime Commissioner for Kent signs last: waiting for Chief Finance Officer and Chief Executive.',
    });

    expect(await signAs('commissioner', 'Sam Commissioner')).toBe(false);
    expect(signing().notice).toEqual({
      kind: 'error',
      message: commissioner.check.ok ? '' : commissioner.check.reason,
    });
    expect(called('records.sign')).toEqual([]);
  });

  it('lets the officers sign in either order, moving to whoever is next, and the Commissioner last', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);

    expect(await signAs('chief-executive', 'Chris Executive')).toBe(true);
    expect(signing().notice?.message).toBe('Signed by Chris Executive as Chief Executive.');
    expect(signing().activeRole).toBe('chief-finance-officer');
    expect(signing().strokes).toEqual([]);
    const steps = signatorySteps(signing().record!, TEMPLATE);
    expect(steps.map((s) => s.signed)).toEqual([false, true, false]);
    expect(steps[2]!.check).toMatchObject({ reason: expect.stringContaining('waiting for Chief Finance Officer.') });

    expect(await signAs('chief-finance-officer', 'Pat Finance')).toBe(true);
    expect(signing().activeRole).toBe('commissioner');
    expect(await signAs('commissioner', 'Sam Commissioner')).toBe(true);
    expect(signing().record!.status).toBe('decided');
    expect(signing().notice?.message).toBe('Signed by Sam Commissioner. Every signature is in: the record is decided.');

    const sign = called('records.sign').at(-1)!.input as Record<string, unknown>;
    expect(sign).toMatchObject({
      id: record.id,
      role: 'commissioner',
      name: 'Sam Commissioner',
      method: 'drawn',
      image: PNG,
      strokes: INK,
      pin: PIN,
      keyId: fake.keys[2]!.id,
    });
    // The PIN is not kept once it has been sent.
    expect(signing().pin).toBe('');
  });

  it('signs the intent statement the pad shows: the domain’s own sentence', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    const shown = intentStatement(signing().record!, TEMPLATE, 'chief-finance-officer', 'Pat Finance', 'drawn');
    expect(shown).toBe(
      `I, Pat Finance, Chief Finance Officer, have read record ${record.reference}, “Grants to community safety partnerships” (content ${record.contentHash.slice(0, 16)}) and sign it.`,
    );
    expect(await signAs('chief-finance-officer', 'Pat Finance')).toBe(true);
    expect(signing().record!.signOffs[0]!.signature!.intent).toBe(shown);
  });

  it('needs ink and a PIN before it signs', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    signing().strokesChanged(INK);
    expect(signingSelectors.canSign(signing())).toBe(true);
    expect(await signing().signRequested(PNG)).toBe(false);
    expect(signing().fieldErrors).toEqual({ pin: 'Enter your PIN (at least 6 characters).' });
    signing().pinEdited('12');
    expect(signing().fieldErrors).toEqual({});
    expect(await signing().signRequested(PNG)).toBe(false);
    expect(signing().fieldErrors.pin).toBe('Enter your PIN (at least 6 characters).');

    signing().strokesChanged([]);
    expect(signingSelectors.canSign(signing())).toBe(false);
    expect(await signing().signRequested(PNG)).toBe(false);
    expect(signing().notice).toEqual({ kind: 'error', message: 'Sign in the box first.' });
    expect(called('records.sign')).toEqual([]);
  });

  it('shows a wrong PIN’s refusal beside the PIN, keeps the ink, and signs with the right one', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    expect(await signAs('chief-finance-officer', 'Pat Finance', '999999')).toBe(false);
    expect(signing().fieldErrors.pin).toBe('The PIN is not right (9 tries left).');
    expect(signing().notice).toEqual({
      kind: 'error',
      message: 'The signature was not saved. The PIN is not right (9 tries left).',
    });
    expect(signing().strokes).toEqual(INK);
    expect(signing().pin).toBe('');

    signing().pinEdited(PIN);
    expect(signing().fieldErrors.pin).toBeUndefined();
    expect(await signing().signRequested(PNG)).toBe(true);
    expect(signing().record!.signOffs[0]!.signature!.method).toBe('drawn');
  });

  it('signs without drawing: the enrolled name typed, and the PIN, recorded as typed with no image', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    signing().strokesChanged(INK);
    signing().signMethodChosen('typed');
    expect(signingSelectors.canSign(signing())).toBe(true);
    signing().typedNameEdited('Pat Fin');
    signing().pinEdited(PIN);
    expect(await signing().signRequested(null)).toBe(false);
    expect(signing().fieldErrors.typedName).toBe('Type your name as it is enrolled on this device: Pat Finance.');

    signing().typedNameEdited('pat finance');
    expect(await signing().signRequested(null)).toBe(true);
    expect(called('records.sign')[0]!.input).toMatchObject({
      method: 'typed',
      image: null,
      strokes: [],
      name: 'Pat Finance',
      pin: PIN,
    });
    const signature = fake.records.get(record.id)!.signOffs[0]!.signature!;
    expect(signature).toMatchObject({ method: 'typed', image: null, strokes: [] });
    expect(signature.intent).toContain('I, Pat Finance, Chief Finance Officer, have read');
  });

  it('has no key to offer for a role nobody is enrolled for on this device', async () => {
    fake.keys.splice(0, 1);
    const record = fake.add('awaiting-signatures', COMPLETE, { 'chief-finance-officer': 'Pat Finance' });
    await signing().signingOpened(record.id);
    expect(signing().keyId).toBeNull();
    // Asked anyway (a window that could not read the keys), the service refuses in words.
    signing().strokesChanged(INK);
    signing().pinEdited(PIN);
    expect(await signing().signRequested(PNG)).toBe(false);
    expect(signing().notice?.message).toBe(
      'The signature was not saved. There is no signing key for the Chief Finance Officer on this device: the administrator enrols them in Settings → Signatories.',
    );
  });

  it('is checked against the contract by the test desk as by the real one', async () => {
    const envelope = await fake.desk['records.sign']({
      id: 'x',
      role: 'commissioner',
      name: 'Sam',
      image: PNG,
      pin: '1',
    });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('a PIN is at least 6 characters') },
    });
  });

  it('shows the service’s refusal and the record as it now is when someone else signed meanwhile', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    fake.signElsewhere(record.id, 'chief-finance-officer');
    expect(await signAs('chief-finance-officer', 'Pat Finance')).toBe(false);
    expect(signing().notice?.message).toBe('The signature was not saved. Chief Finance Officer has already signed.');
    await expect.poll(() => signing().record!.revision).toBe(fake.records.get(record.id)!.revision);
    expect(signatorySteps(signing().record!, TEMPLATE)[0]!.signed).toBe(true);
  });
});

describe('declining and returning to draft', () => {
  it('refuses to decline without a reason, then declines with one: the record is a draft again', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    signing().panelChosen('decline');
    signing().nameEdited('Pat Finance');
    signing().reasonEdited('   ');
    expect(await signing().declineRequested()).toBe(false);
    expect(signing().fieldErrors.reason).toBe('Give the reason for declining: the assistant will see it.');
    expect(called('records.decline')).toEqual([]);

    signing().reasonEdited('The budget figures in the summary are out of date.');
    expect(signing().fieldErrors.reason).toBeUndefined();
    // Declining is signed with the decliner's key, so it needs their PIN too.
    expect(await signing().declineRequested()).toBe(false);
    expect(signing().fieldErrors.pin).toMatch(/Enter your PIN/);
    signing().pinEdited(PIN);
    expect(await signing().declineRequested()).toBe(true);
    expect(signing().record!.status).toBe('draft');
    expect(called('records.decline')[0]!.input).toMatchObject({
      id: record.id,
      role: 'chief-finance-officer',
      name: 'Pat Finance',
      reason: 'The budget figures in the summary are out of date.',
      pin: PIN,
    });

    // The assistant sees the reason with the draft.
    await submit().recordShown(record.id, 'draft');
    expect(submit().returnNote).toMatchObject({
      action: 'declined',
      name: 'Pat Finance',
      role: 'chief-finance-officer',
      reason: 'The budget figures in the summary are out of date.',
    });
  });

  it('returns to draft only with a reason', async () => {
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    signing().panelChosen('return');
    expect(await signing().returnToDraftRequested()).toBe(false);
    expect(signing().fieldErrors.reason).toBe('Give the reason for returning the record to draft.');
    signing().reasonEdited('A background document is missing.');
    expect(await signing().returnToDraftRequested()).toBe(true);
    expect(signing().record!.status).toBe('draft');
    await submit().recordShown(record.id, 'draft');
    expect(submit().returnNote).toMatchObject({
      action: 'returned-to-draft',
      reason: 'A background document is missing.',
      actor: 'Alex Assistant',
    });
  });
});

describe('paper signatures', () => {
  it('needs the date it was signed, not in the future, and the recorder’s PIN, then records it', async () => {
    const recorder = fake.enrol('recorder', null, 'Alex Assistant');
    const record = fake.add('awaiting-signatures');
    await signing().signingOpened(record.id);
    signing().panelChosen('paper');
    signing().nameEdited('Pat Finance');
    expect(signing().paper.signedOn).toBe(localDate());
    // A recorder's key is offered before a signatory's.
    expect(signing().recorderKeyId).toBe(recorder);
    expect(await signing().paperSignatureRequested()).toBe(false);
    expect(signing().fieldErrors.pin).toBe('Enter the PIN of the person recording it (at least 6 characters).');
    signing().pinEdited(PIN);

    signing().paperDateEdited('');
    expect(await signing().paperSignatureRequested()).toBe(false);
    expect(signing().fieldErrors.signedOn).toBe('Enter the date the printed form was signed.');
    signing().paperDateEdited('2999-01-01');
    expect(await signing().paperSignatureRequested()).toBe(false);
    expect(signing().fieldErrors.signedOn).toBe('The date the form was signed cannot be in the future.');

    signing().paperDateEdited('2026-03-01');
    signing().paperScanChosen(PNG, 'signed page.png');
    expect(await signing().paperSignatureRequested()).toBe(true);
    expect(called('records.paperSignature')[0]!.input).toMatchObject({
      signedOn: '2026-03-01',
      scan: PNG,
      name: 'Pat Finance',
      recorderKeyId: recorder,
      pin: PIN,
    });
    expect(signing().notice?.message).toBe('Paper signature of Pat Finance recorded.');
    expect(fake.records.get(record.id)!.signOffs[0]!.signature).toMatchObject({
      method: 'paper',
      recordedBy: 'Alex Assistant',
    });
  });
});

describe('the return note', () => {
  const entry = (action: string, detail: Record<string, unknown> = {}): AuditEntry => ({
    recordId: 'r',
    at: '2026-03-02T10:00:00.000Z',
    actor: 'Alex Assistant',
    device: 'Tablet',
    action,
    revision: 1,
    contentHash: null,
    detail,
  });

  it('is the latest decline or return, unless the record was submitted again since', () => {
    expect(latestReturn([entry('created'), entry('saved')])).toBeNull();
    expect(
      latestReturn([
        entry('submitted'),
        entry('declined', { reason: 'Wrong figures', name: 'Pat', role: 'chief-executive' }),
        entry('saved'),
      ]),
    ).toMatchObject({
      action: 'declined',
      reason: 'Wrong figures',
      name: 'Pat',
    });
    expect(latestReturn([entry('declined', { reason: 'Wrong figures' }), entry('submitted')])).toBeNull();
    expect(latestReturn([entry('returned-to-draft', {})])!.reason).toBe('(no reason was recorded)');
  });
});

describe('submitting for signatures', () => {
  it('saves first, then lists what is missing as the service gave it', async () => {
    const record = fake.add('draft', { title: '', originator: 'Chief Executive' });
    const order: string[] = [];
    const submitted = await submit().submitRequested(record, async () => {
      order.push('saved');
      return fake.records.get(record.id)!;
    });
    expect(submitted).toBeNull();
    expect(order).toEqual(['saved']);
    expect(submit().notice).toEqual({ kind: 'error', message: 'Not submitted: the record is not complete yet.' });
    expect(submit().missing.map((m) => m.field)).toEqual([
      'title',
      'executiveSummary',
      'recommendation',
      'decision',
      'impact.planObjectives',
      'impact.equalityImpactAssessment',
      'impact.diversityImpact',
    ]);
  });

  it('does not submit when the save before it failed', async () => {
    const record = fake.add('draft');
    expect(await submit().submitRequested(record, async () => null)).toBeNull();
    expect(submit().notice?.message).toBe('Not submitted: your latest changes could not be saved first.');
    expect(called('records.submit')).toEqual([]);
  });

  it('submits a complete record on its latest revision, which then has its reference', async () => {
    const record = fake.add('draft');
    const submitted = await submit().submitRequested(record, async () => record);
    expect(submitted).toMatchObject({ status: 'awaiting-signatures', reference: 'OPCC.D.001.26' });
    expect(called('records.submit')[0]!.input).toEqual({ id: record.id, baseRevision: record.revision });
    expect(submit().notice).toEqual({
      kind: 'saved',
      message: 'Submitted for signatures as OPCC.D.001.26. Its content is now locked.',
    });
    expect(submit().missing).toEqual([]);
  });
});

describe('verifying a file', () => {
  it('keeps the service’s error in words when the file cannot be checked', async () => {
    await useVerifyStore.getState().fileChosen(new File(['{}'], 'record.json', { type: 'application/json' }));
    expect(useVerifyStore.getState()).toMatchObject({
      phase: 'failed',
      fileName: 'record.json',
      error: 'The fake desk has no records.verifyFile.',
    });
    expect(called('records.verifyFile')[0]!.input).toEqual({ fileName: 'record.json', base64: btoa('{}') });
  });
});
