// Sign-off end to end on a tablet-sized touch screen: the office seal created and the signatories enrolled in
// Settings, submit, sign with a pen and a PIN (palm ignored, rotated mid-signature, a wrong PIN first), decline, return
// to draft, a paper signature recorded with the recorder's key, then the signed record's Word and PDF, and Verify on
// the PDF, the record.json and a tampered record.json.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../electron/core/domain/index.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { grantsDecision, OFFICERS } from '../helpers/records.ts';
import { signaturePad, signWithPen, stroke } from './support/pen.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { AXE_IN_SANDBOX, seriousAccessibilityViolations as axeScan } from './support/axe.ts';
import { apiOf } from './support/api.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageProblems: string[] = [];

/** Calls the API over the bridge, as a second client would, with the token header. */
const api = apiOf(() => served.bridge);

const NAMES = OFFICERS;
const PINS = { 'chief-finance-officer': '204816', 'chief-executive': '730591', commissioner: '118822' } as const;
const RECORDER = { name: 'Alex Morgan', pin: '552211' };
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';
/** Keys made cheaply: the scrypt costs are the test's, written into each key file, so signing takes milliseconds. */
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };

async function completeRecord(title: string): Promise<DecisionRecord> {
  return api('records.create', { content: grantsDecision(title) });
}

const canvas = () => signaturePad(page);
const signButton = () => page.getByRole('button', { name: 'Sign', exact: true });
const pinField = () => page.getByLabel('Your PIN', { exact: true });

/** Enrols one signatory (or the recorder) in Settings, as the administrator and the person would. */
async function enrolInSettings(button: string, name: string, pin: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const form = page.getByRole('form', { name: /^Enrol / });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('PIN', { exact: true }).fill(pin);
  await form.getByLabel('The PIN again').fill(pin);
  await form.getByLabel('The seal’s passphrase (administrator)').fill(SEAL_PASSPHRASE);
  await form.getByRole('button', { name: 'Enrol', exact: true }).click();
}

/** How many pixels of the pad's canvas have ink, and its backing-store size. */
async function inkOnCanvas(): Promise<{ inked: number; width: number; height: number }> {
  return page.evaluate(`(() => {
    const c = document.querySelector('canvas.signature-pad-canvas');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    return { inked, width: c.width, height: c.height };
  })()`);
}

// The print preview is a frame that runs no script, so axe cannot look inside it (it is the export's HTML, tested
// with the export); Chromium logs axe's attempt, which the console check sets aside.
const seriousAccessibilityViolations = () => axeScan(page);

async function openRecordInWindow(record: DecisionRecord) {
  await page.goto(`${served.bridge.origin}/`);
  await page.getByRole('option').filter({ hasText: record.title }).first().click();
  await page.getByRole('heading', { name: 'Signatures', exact: true }).waitFor();
}

async function openSigningMode() {
  await page.getByRole('button', { name: 'Open signing mode' }).click();
  await page.getByRole('heading', { level: 1, name: 'Signing mode' }).waitFor();
}

async function leaveSigningMode() {
  await page.getByRole('button', { name: 'Leave signing mode' }).first().click();
}

let signed: DecisionRecord;
/** The sentence the pad showed the Chief Finance Officer before they signed. */
let intent: string | null = null;

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-signing-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false, keys: CHEAP_KEYS });
  const { template } = await api('settings.get', {});
  await api('settings.update', {
    patch: {
      userName: 'Alex Morgan',
      deviceName: 'Signing tablet',
      // The holders of the roles, as the office sets them: enrolment offers these names.
      template: {
        ...template,
        signatories: template.signatories.map((s) => ({ ...s, defaultName: NAMES[s.role as keyof typeof NAMES] })),
      },
    },
  });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: LANDSCAPE,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !AXE_IN_SANDBOX.test(message.text())) pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(served.bridge.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('signing on a tablet', () => {
  it('creates the office seal and enrols the three signatories and a recorder in Settings', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Office seal and signatories' });
    await section.getByRole('form', { name: 'Create the office seal' }).waitFor();
    expect(await section.getByText('The passphrase cannot be recovered.').isVisible()).toBe(true);
    await section.getByRole('heading', { name: 'Office seal and signatories' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-no-seal.png') });
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await page.getByLabel('Passphrase for the seal', { exact: true }).fill(SEAL_PASSPHRASE);
    await page.getByLabel('The passphrase again', { exact: true }).fill(`${SEAL_PASSPHRASE}!`);
    await page.getByRole('button', { name: 'Create the office seal' }).click();
    await page.getByText('The two passphrases are not the same.').waitFor();
    await page.getByLabel('The passphrase again', { exact: true }).fill(SEAL_PASSPHRASE);
    await page.getByRole('button', { name: 'Create the office seal' }).click();
    await page.getByText('The office seal is created and pinned in the template.').waitFor();
    const trust = await api('trust.status', {});
    expect(trust.seal?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const grouped = trust.seal!.fingerprint.toUpperCase().match(/.{4}/g)!.join(' ');
    expect(await section.locator('.trust-fingerprint').first().textContent()).toBe(grouped);

    // A wrong passphrase for the seal is said by its field, and nothing is enrolled.
    await page.getByRole('button', { name: 'Enrol the Chief Finance Officer' }).click();
    const form = page.getByRole('form', { name: 'Enrol the Chief Finance Officer' });
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe(NAMES['chief-finance-officer']);
    await form.getByLabel('PIN', { exact: true }).fill(PINS['chief-finance-officer']);
    await form.getByLabel('The PIN again').fill(PINS['chief-finance-officer']);
    await form.getByLabel('The seal’s passphrase (administrator)').fill('not the passphrase at all');
    await form.getByRole('button', { name: 'Enrol', exact: true }).click();
    await form
      .locator('#trust-enrol-chief-finance-officer-sealPassphrase-error')
      .getByText('The seal’s passphrase is not right.')
      .waitFor();
    await form.getByRole('alert').getByText('Not enrolled. The seal’s passphrase is not right.').waitFor();
    expect(await form.getByLabel('The seal’s passphrase (administrator)').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await api('trust.status', {})).keys.filter((k) => k.kind === 'signatory')).toEqual([]);

    await enrolInSettings(
      'Enrol the Chief Finance Officer',
      NAMES['chief-finance-officer'],
      PINS['chief-finance-officer'],
    );
    await page
      .getByText(`${NAMES['chief-finance-officer']} is enrolled as Chief Finance Officer on this device.`)
      .waitFor();
    await enrolInSettings('Enrol the Chief Executive', NAMES['chief-executive'], PINS['chief-executive']);
    await page.getByText(`${NAMES['chief-executive']} is enrolled as Chief Executive on this device.`).waitFor();
    await enrolInSettings('Enrol the Police and Crime Commissioner for Kent', NAMES.commissioner, PINS.commissioner);
    await page
      .getByText(`${NAMES.commissioner} is enrolled as Police and Crime Commissioner for Kent on this device.`)
      .waitFor();
    await enrolInSettings('Enrol a recorder', RECORDER.name, RECORDER.pin);
    await page.getByText(`${RECORDER.name} is enrolled as a recorder on this device.`).waitFor();

    const keys = (await api('trust.status', {})).keys.filter((k) => k.kind === 'signatory' || k.kind === 'recorder');
    expect(keys.map((k) => [k.kind, k.role, k.name, k.usable])).toEqual([
      ['signatory', 'chief-finance-officer', NAMES['chief-finance-officer'], true],
      ['signatory', 'chief-executive', NAMES['chief-executive'], true],
      ['signatory', 'commissioner', NAMES.commissioner, true],
      ['recorder', null, RECORDER.name, true],
    ]);
    expect(await section.getByText(/^Can sign; valid until/).count()).toBe(4);
    await page.getByRole('button', { name: 'Enrol the Chief Executive' }).click();
    await section.getByRole('heading', { name: 'Office seal and signatories' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-seal-and-signatories.png'), fullPage: true });
    await page.getByRole('form', { name: 'Enrol the Chief Executive' }).getByRole('button', { name: 'Cancel' }).click();

    // Revoking asks first and says what it means; cancelled here, nothing changes.
    await page.getByRole('button', { name: `Revoke ${RECORDER.name}’s key` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke ${RECORDER.name}’s key?` });
    await dialog.getByText('From now on this key cannot sign', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-revoke-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api('trust.status', {})).keys.every((k) => k.usable)).toBe(true);
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('lists what an incomplete record is missing when it is submitted, each a link to its field', async () => {
    const incomplete = await api('records.create', {
      content: { title: 'Estates strategy refresh', originator: 'Chief Executive' },
    });
    await openRecordInWindow(incomplete);
    await page.getByRole('button', { name: 'Submit for signatures' }).click();
    await page.getByText('Not submitted: the record is not complete yet.').waitFor();
    const summary = page.getByRole('button', { name: 'Write the executive summary.' });
    expect(await summary.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'submit-missing-1280x800.png') });
    await summary.click();
    expect(
      await page.evaluate<string>('document.activeElement.closest("[id^=field-]")?.id ?? document.activeElement.id'),
    ).toBe('field-executiveSummary');
    expect((await api('records.get', { id: incomplete.id })).status).toBe('draft');
  });

  it('submits a complete record: it is locked, with its reference and status', async () => {
    signed = await completeRecord('Community safety partnership grants 2026/27');
    await openRecordInWindow(signed);
    await page.getByRole('button', { name: 'Submit for signatures' }).click();
    await page.getByText(/Submitted for signatures as OPCC\.D\.\d{3}\.\d{2}\. Its content is now locked\./).waitFor();
    const record = await api('records.get', { id: signed.id });
    expect(record.status).toBe('awaiting-signatures');
    expect(record.reference).toMatch(/^OPCC\.D\.\d{3}\.\d{2}$/);
    await page.getByText(`Awaiting signatures as ${record.reference}: 0 of 3 signed. The content is locked.`).waitFor();
    signed = record;
  });

  it('opens signing mode at the first officer, with the record as it prints, and Sign disabled until there is ink', async () => {
    await openSigningMode();
    const preview = page.frameLocator('iframe.signing-preview-frame');
    await preview.getByText('Community safety partnership grants 2026/27').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Chief Finance Officer' }).isVisible()).toBe(true);
    expect(await page.locator('.signing-signer').textContent()).toContain(
      `Signing as ${NAMES['chief-finance-officer']}, with the key enrolled on this device`,
    );
    intent = await page.getByRole('blockquote', { name: 'What you sign' }).textContent();
    expect(intent).toBe(
      `I, ${NAMES['chief-finance-officer']}, Chief Finance Officer, have read record ${signed.reference}, “Community safety partnership grants 2026/27” (content ${signed.contentHash.slice(0, 16)}) and sign it.`,
    );
    expect(await pinField().getAttribute('type')).toBe('password');
    expect(await pinField().getAttribute('inputmode')).toBe('numeric');
    expect(await pinField().getAttribute('autocomplete')).toBe('off');
    expect(
      await page.getByRole('img', { name: 'Signature of the Chief Finance Officer' }).getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(await signButton().isDisabled()).toBe(true);
    // The preview's own stylesheet applies (given to the frame, since the page's policy refuses inline styles).
    const frame = (await (await page.locator('iframe.signing-preview-frame').elementHandle())!.contentFrame())!;
    // 20pt is the form's own rule for its heading; the browser's default would be 32px.
    expect(await frame.evaluate<string>('getComputedStyle(document.querySelector("h1")).fontSize')).toBe('26.6667px');

    await page.getByRole('button', { name: /Police and Crime Commissioner for Kent/ }).click();
    await page
      .getByText(
        'Police and Crime Commissioner for Kent signs last: waiting for Chief Finance Officer and Chief Executive.',
      )
      .waitFor();
    await page
      .getByRole('button', { name: /Chief Finance Officer/ })
      .first()
      .click();
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('takes the pen\u2019s ink with pressure and timing, ignoring a palm that touches down meanwhile', async () => {
    const box = (await canvas().boundingBox())!;
    const pen = { pointerType: 'pen', pointerId: 21, isPrimary: true, bubbles: true, button: 0, buttons: 1 };
    await canvas().dispatchEvent('pointerdown', {
      ...pen,
      clientX: box.x + 0.1 * box.width,
      clientY: box.y + 0.5 * box.height,
      pressure: 0.6,
    });
    // The palm lands on the pad and drags while the pen is down: it must draw nothing.
    await stroke(
      page,
      'touch',
      31,
      [
        [0.7, 0.8],
        [0.8, 0.9],
        [0.9, 0.95],
      ],
      0.5,
    );
    for (const fx of [0.2, 0.3, 0.4]) {
      await canvas().dispatchEvent('pointermove', {
        ...pen,
        clientX: box.x + fx * box.width,
        clientY: box.y + 0.45 * box.height,
        pressure: 0.6,
      });
    }
    await canvas().dispatchEvent('pointerup', {
      ...pen,
      clientX: box.x + 0.45 * box.width,
      clientY: box.y + 0.4 * box.height,
      pressure: 0,
      buttons: 0,
    });
    await page.getByText('Signature drawn: 1 stroke.').waitFor();
    expect(await signButton().isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Undo stroke' }).click();
    await page.getByText('The box is empty.').waitFor();
    expect(await signButton().isDisabled()).toBe(true);
    expect((await inkOnCanvas()).inked).toBe(0);

    await signWithPen(page, 22);
    await page.getByText('Signature drawn: 2 strokes.').waitFor();
    await page.getByLabel('Comments (optional)').fill('Affordable within the approved budget.');
    // A wrong PIN: said beside the PIN field, nothing signed, the ink still there for the next try.
    await pinField().fill('999999');
    await signButton().click();
    await page
      .locator('#signing-pin-error')
      .getByText(/The PIN is not right \(9 tries left\)\.$/)
      .waitFor();
    expect(await pinField().getAttribute('aria-describedby')).toContain('signing-pin-error');
    expect(
      await page.getByRole('alert').filter({ hasText: 'The signature was not saved. The PIN is not right' }).count(),
    ).toBe(1);
    expect(await page.getByText('Signature drawn: 2 strokes.').isVisible()).toBe(true);
    expect((await inkOnCanvas()).inked).toBeGreaterThan(100);
    expect(await pinField().inputValue()).toBe('');
    expect((await api('records.get', { id: signed.id })).signOffs[0]!.signature).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signing-wrong-pin-1280x800.png') });
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await pinField().fill(PINS['chief-finance-officer']);
    await signButton().click();
    await page.getByText(`Signed by ${NAMES['chief-finance-officer']} as Chief Finance Officer.`).waitFor();

    const record = await api('records.get', { id: signed.id });
    const signature = record.signOffs.find((s) => s.role === 'chief-finance-officer')!.signature!;
    expect(signature.strokes.map((s) => s.pointerType)).toEqual(['pen', 'pen']);
    expect(new Set(signature.strokes[0]!.points.map((p) => p.pressure))).toEqual(new Set([0.6]));
    expect(new Set(signature.strokes[1]!.points.map((p) => p.pressure))).toEqual(new Set([0.8]));
    expect(signature.strokes[0]!.points[0]!.time).toBe(0);
    const times = signature.strokes[0]!.points.map((p) => p.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(signature.image).toMatch(/^data:image\/png;base64,/);
    expect(record.signOffs.find((s) => s.role === 'chief-finance-officer')!.comments).toBe(
      'Affordable within the approved budget.',
    );
    expect(signature.intent).toBe(intent);
    expect(signature.proof).toBeTruthy();
  });

  it('keeps the ink when the tablet is turned, and shows signing mode well both ways', async () => {
    expect(await page.getByRole('heading', { level: 2, name: 'Chief Executive' }).isVisible()).toBe(true);
    await signWithPen(page, 23);
    const before = await inkOnCanvas();
    expect(before.inked).toBeGreaterThan(100);
    await pinField().fill(PINS['chief-executive']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signing-1280x800.png') });

    await page.setViewportSize(PORTRAIT);
    await expect.poll(async () => (await inkOnCanvas()).width).not.toBe(before.width);
    const after = await inkOnCanvas();
    expect(after.inked).toBeGreaterThan(100);
    expect(await page.getByText('Signature drawn: 2 strokes.').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signing-800x1280.png') });
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await signButton().click();
    await page.getByText(`Signed by ${NAMES['chief-executive']} as Chief Executive.`).waitFor();
    await page.setViewportSize(LANDSCAPE);
    const record = await api('records.get', { id: signed.id });
    expect(record.signOffs.find((s) => s.role === 'chief-executive')!.signature!.strokes).toHaveLength(2);
  });

  it('lets the Commissioner sign last, deciding the record', async () => {
    expect(
      await page.getByRole('heading', { level: 2, name: 'Police and Crime Commissioner for Kent' }).isVisible(),
    ).toBe(true);
    await signWithPen(page, 24);
    await pinField().fill(PINS.commissioner);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signing-commissioner-1280x800.png') });
    await signButton().click();
    await page.getByText(`Signed by ${NAMES.commissioner}. Every signature is in: the record is decided.`).waitFor();
    signed = await api('records.get', { id: signed.id });
    expect(signed.status).toBe('decided');
    await page
      .frameLocator('iframe.signing-preview-frame')
      .getByRole('img', { name: `Signature of ${NAMES.commissioner}` })
      .waitFor();
    await leaveSigningMode();
  });

  it('declines with a reason that is required, and the assistant sees the reason with the draft', async () => {
    const declined = await completeRecord('Victim services recommissioning');
    await api('records.submit', { id: declined.id, baseRevision: declined.revision });
    await openRecordInWindow(declined);
    await openSigningMode();
    await page.getByRole('button', { name: 'Decline to sign…' }).click();
    await page.getByRole('button', { name: 'Decline and return to draft' }).click();
    await page.getByText('Give the reason for declining: the assistant will see it.').first().waitFor();
    expect((await api('records.get', { id: declined.id })).status).toBe('awaiting-signatures');

    const reason = 'The financial implications section does not match the budget paper.';
    await page.getByLabel('Reason for declining (required)').fill(reason);
    // A decline is made with the signatory's own key, so it takes their PIN as a signature does.
    await page.getByRole('button', { name: 'Decline and return to draft' }).click();
    await page
      .getByText(/Enter your PIN/)
      .first()
      .waitFor();
    expect((await api('records.get', { id: declined.id })).status).toBe('awaiting-signatures');
    await page.locator('#signing-decline-pin').fill(PINS['chief-finance-officer']);
    await page.getByRole('button', { name: 'Decline and return to draft' }).click();
    await page.getByText(/Declined by Priya Shah\. The record is a draft again/).waitFor();
    expect((await api('records.get', { id: declined.id })).status).toBe('draft');

    await leaveSigningMode();
    await page.getByText(/Declined by Priya Shah,/).waitFor();
    expect(await page.getByText(reason).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'record-declined-1280x800.png') });
  });

  it('returns a record awaiting signatures to draft, with a reason', async () => {
    const returned = await completeRecord('Custody visiting scheme review');
    await api('records.submit', { id: returned.id, baseRevision: returned.revision });
    await openRecordInWindow(returned);
    await openSigningMode();
    await page.getByRole('button', { name: 'Return to draft…' }).click();
    await page.getByLabel('Reason (required)').fill('A background document is missing.');
    await page.getByRole('button', { name: 'Return to draft', exact: true }).click();
    await page.getByText(/The record is a draft again/).waitFor();
    expect((await api('records.get', { id: returned.id })).status).toBe('draft');
    await leaveSigningMode();
    await page.getByText(/Returned to draft by Alex Morgan,/).waitFor();
    expect(await page.getByText('A background document is missing.').isVisible()).toBe(true);
  });

  it('records a paper signature with a JPEG scan of the signed page, stored as a PNG', async () => {
    const paper = await completeRecord('Estates disposal at Maidstone');
    await api('records.submit', { id: paper.id, baseRevision: paper.revision });
    await openRecordInWindow(paper);
    // Any JPEG will do as the scan: Chromium makes one of the page itself.
    const scan = await page.screenshot({ type: 'jpeg', quality: 60 });
    await openSigningMode();
    await page.getByRole('button', { name: 'Record a paper signature…' }).click();
    // The form offers today, the only day a record submitted just now can have been signed on paper.
    const signedOn = await page.getByLabel('Date signed').inputValue();
    expect(signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page
      .getByLabel('Scan of the signed page (optional)')
      .setInputFiles({ name: 'signed page.jpg', mimeType: 'image/jpeg', buffer: scan });
    await page.getByRole('img', { name: 'Scan of the signed page (signed page.jpg)' }).waitFor();
    // Recorded with the recorder's key (offered first) and their PIN.
    expect(await page.getByLabel('Recorded by').locator('option:checked').textContent()).toBe(
      `${RECORDER.name} (recorder)`,
    );
    expect(await page.getByRole('blockquote', { name: 'What you sign' }).textContent()).toMatch(
      new RegExp(
        `^I, ${RECORDER.name}, record that record OPCC\\.D\\.\\d{3}\\.\\d{2}, “Estates disposal at Maidstone” .* was signed on paper by its Chief Finance Officer`,
      ),
    );
    await page.getByLabel(`PIN of ${RECORDER.name}`).fill(RECORDER.pin);
    await page.getByRole('button', { name: 'Record paper signature' }).click();
    await page.getByText(`Paper signature of ${NAMES['chief-finance-officer']} recorded.`).waitFor();
    const signature = (await api('records.get', { id: paper.id })).signOffs[0]!.signature!;
    expect(signature).toMatchObject({
      method: 'paper',
      signedBy: NAMES['chief-finance-officer'],
      signedAt: `${signedOn}T12:00:00.000Z`,
      strokes: [],
      recordedBy: RECORDER.name,
    });
    expect(Buffer.from(signature.image!.split(',')[1]!, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    await leaveSigningMode();
  });

  it('puts the three signatures into the Word document as images', async () => {
    const docx = await api('export.docx', { id: signed.id });
    const parts = unzipSync(Buffer.from(docx.base64, 'base64'));
    const images = Object.keys(parts).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(images.length).toBeGreaterThanOrEqual(3);
    const signatures = new Set(
      signed.signOffs.map((s) => Buffer.from(s.signature!.image!.split(',')[1]!, 'base64').toString('hex')),
    );
    const embedded = new Set(images.map((name) => Buffer.from(parts[name]!).toString('hex')));
    for (const signature of signatures) expect(embedded.has(signature)).toBe(true);
  });

  it('prints the signers in the PDF, and Verify finds every signature valid', async () => {
    const pdf = await api('export.pdf', { id: signed.id });
    const pdfFile = path.join(tmp, pdf.fileName);
    fs.writeFileSync(pdfFile, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    for (const name of Object.values(NAMES)) expect(text).toContain(name);
    expect(text).toContain('Affordable within the approved budget.');

    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('heading', { name: 'Verify a signed record' }).waitFor();
    await page.locator('#verify-file').setInputFiles(pdfFile);
    await page.getByRole('heading', { name: 'Valid: all 3 signatures hold' }).waitFor();
    expect(await page.getByRole('cell', { name: /Valid/ }).count()).toBe(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verify-valid-1280x800.png') });
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('shows the record.json’s three signatures valid, each with the certified key of its signer', async () => {
    await page.locator('#verify-file').setInputFiles({
      name: 'record.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(signed, null, 2)),
    });
    await page.getByRole('heading', { name: 'Valid: all 3 signatures hold' }).waitFor();
    const trust = await api('trust.status', {});
    for (const [role, name] of Object.entries(NAMES)) {
      const key = trust.keys.find((k) => k.role === role)!;
      const row = page.getByRole('row').filter({ hasText: `With the certified key of ${name}` });
      expect(await row.count()).toBe(1);
      const prefix = key.certificate!.fingerprint.slice(0, 16).toUpperCase().match(/.{4}/g)!.join(' ');
      expect(await row.textContent()).toContain(`(fingerprint ${prefix} …)`);
      expect(await row.textContent()).toContain('Drawn with the pen');
      expect(await row.textContent()).toContain('Valid');
    }
    const grouped = trust.seal!.fingerprint.toUpperCase().match(/.{4}/g)!.join(' ');
    expect(await page.locator('.verify-facts').textContent()).toContain(
      `the office seal of ${trust.seal!.name}, ${grouped}`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verify-keys-1280x800.png'), fullPage: true });
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('shows a record.json with one word changed as not valid, each signature saying why', async () => {
    const tampered = structuredClone(signed);
    tampered.decision = tampered.decision.replace('approved', 'refused');
    await page.locator('#verify-file').setInputFiles({
      name: 'record.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered, null, 2)),
    });
    await page.getByRole('heading', { name: 'Not valid: the record was changed' }).waitFor();
    const invalid = page.getByRole('row').filter({ hasText: 'Invalid' });
    expect(await invalid.count()).toBe(3);
    expect(await invalid.first().textContent()).toContain('it was changed outside Decision Desk');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verify-invalid-1280x800.png') });
  });

  it('caused no console errors or Content-Security-Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
