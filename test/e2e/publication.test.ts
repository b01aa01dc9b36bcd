// Publication end to end in real Chromium over the web bridge: the form's Publication group filled as a person would,
// the record submitted in the window and signed (through the API, as signing.test.ts does it with the pen), a late
// decided record named in the register, the Publication status panel before and after the sync that publishes it,
// supersession both ways, a withdrawal with its required reason, the two PDFs, and the publication settings.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../electron/core/desk.ts';
import { type DecisionRecord, londonDay } from '../../electron/core/domain/index.ts';
import { dispatch } from '../../electron/core/service.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { pngDataUrl } from '../helpers/png.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { AXE_IN_SANDBOX, seriousAccessibilityViolations as axeScan } from './support/axe.ts';
import { apiOf } from './support/api.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const NAMES = {
  'chief-finance-officer': 'Priya Shah',
  'chief-executive': 'Tom Hughes',
  commissioner: 'Matthew Scott',
} as const;
const PIN = '135790';
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';
/** Keys made cheaply (the scrypt costs are written into each key file), so enrolling and signing take milliseconds. */
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let page: Page;
let earlier: DecisionRecord;
let later: DecisionRecord;
const pageProblems: string[] = [];

const api = apiOf(() => served.bridge);

const completeContent = (title: string) => ({
  originator: 'Chief Executive',
  title,
  executiveSummary: 'The estate is too large for the force it serves; three buildings are little used.',
  recommendation: 'That the Commissioner approves the strategy.',
  decision: 'The strategy is approved as recommended.',
  impact: {
    planObjectives: 'Value for money.',
    equalityImpactAssessment: true,
    diversityImpact: false,
    diversityExplanation: '',
  },
  signOffs: Object.entries(NAMES).map(([role, name]) => ({ role, name, comments: '' })),
});

/** Every signatory signs in turn, as signing mode would have them (signing.test.ts drives the pen itself). */
async function signAll(id: string): Promise<DecisionRecord> {
  let record = await api('records.get', { id });
  for (const [role, name] of Object.entries(NAMES)) {
    record = await api('records.sign', { id, role, name, image: pngDataUrl(), strokes: [], pin: PIN });
  }
  return record;
}

const seriousAccessibilityViolations = (include?: string) => axeScan(page, include ? { include } : {});

const panel = () => page.getByRole('region', { name: 'Publication status' });
/** The panel's facts as [term, definition] pairs, in order. */
async function facts(): Promise<Record<string, string>> {
  const terms = await panel().locator('.publication-facts > dt').allTextContents();
  const values = await panel().locator('.publication-facts > dd').allTextContents();
  return Object.fromEntries(terms.map((term, index) => [term, values[index]!.trim()]));
}

async function openInRegister(title: string) {
  await page.goto(`${served.bridge.origin}/`);
  await page
    .getByRole('listbox', { name: 'Records of decision' })
    .getByRole('option')
    .filter({ hasText: title })
    .first()
    .click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
}

const saved = () => page.locator('.save-status .save-saved').waitFor();
const today = () =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date());

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-publication-e2e-'));
  const share = path.join(tmp, 'share');
  fs.mkdirSync(share);
  const dataDir = path.join(tmp, 'data');
  const desk = await openDesk(dataDir, { dailyBackup: false });
  try {
    const set = await dispatch(desk.service, 'settings.update', {
      patch: { sharedFolder: share, deviceName: 'Office laptop', userName: 'Alex Morgan' },
    });
    if (!set.ok) throw new Error(set.error.message);
  } finally {
    await desk.close();
  }
  // Sync only when the test asks, so the record stays decided and unpublished until then.
  served = await serveDesk({ dataDir, port: 0, sync: 'on-demand', open: false, keys: CHEAP_KEYS });
  await api('trust.createSeal', { passphrase: SEAL_PASSPHRASE });
  for (const [role, name] of Object.entries(NAMES))
    await api('trust.enrol', { kind: 'signatory', role, name, pin: PIN, sealPassphrase: SEAL_PASSPHRASE });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !AXE_IN_SANDBOX.test(message.text())) pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));

  // An earlier decision, decided on a stated day long past and not yet published: late.
  const draft = await api('records.create', {
    content: { ...completeContent('Estates strategy 2024'), publication: { decisionDate: '2026-01-05' } },
  });
  const submitted = await api('records.submit', { id: draft.id, baseRevision: draft.revision });
  earlier = await signAll(submitted.id);
  expect(earlier.status).toBe('decided');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('publication in the window', () => {
  it('names the decided record not yet published after 14 days in the register, with a link that opens it', async () => {
    await page.goto(served.bridge.url);
    const notice = page.getByRole('region', { name: '1 decided record is not yet published after 14 days' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Estates strategy 2024, decided 5 January 2026');
    await notice.getByRole('button', { name: earlier.reference! }).click();
    await page.getByRole('heading', { level: 2, name: 'Estates strategy 2024' }).waitFor();
  });

  it('fills the Publication group as a person would; it autosaves with the record', async () => {
    later = await api('records.create', { content: completeContent('Estates strategy 2026') });
    await openInRegister('Estates strategy 2026');
    const group = page.getByRole('region', { name: 'Publication', exact: true });
    await group.getByLabel('Date of decision').fill('2026-11-30');
    // A typing slip first: named, and only the valid references saved.
    const supersedes = group.getByLabel('Supersedes');
    await supersedes.fill(`${earlier.reference}, OPCC D: 1`);
    await group.getByText('\u201cOPCC D: 1\u201d is not a reference', { exact: false }).waitFor();
    await supersedes.fill(earlier.reference!);
    await supersedes.blur();
    await saved();
    const record = await api('records.get', { id: later.id });
    expect(record.publication).toEqual({ decisionDate: '2026-11-30', supersedes: [earlier.reference] });
    await group.scrollIntoViewIfNeeded();
    await group.screenshot({ path: path.join(SCREENSHOTS, 'publication-form-group-1280x800.png') });
    expect(await seriousAccessibilityViolations('.record-form')).toEqual([]);
  });

  it('submits in the window; once decided the Publication status panel shows its dates and checks the public copy', async () => {
    await page.getByRole('button', { name: 'Submit for signatures' }).click();
    await page.getByText(/^Submitted for signatures as OPCC\.D\.\d{3}\.\d{2}\./).waitFor();
    later = await signAll(later.id);
    expect(later.status).toBe('decided');
    await openInRegister('Estates strategy 2026');
    await panel().waitFor();
    expect(await facts()).toEqual({
      Status: 'Not yet published',
      'Date of decision': '30 November 2026 (as the record states it)',
      'Date signed': today(),
      'Date published': 'Not yet published',
      Supersedes: earlier.reference,
      'Superseded by': 'None',
      Withdrawal: 'Not withdrawn Withdraw…',
    });
    // Decided, not yet published: checked without being asked, from the public PDF's own bytes.
    const check = panel().getByRole('region', { name: 'What the public copy contains' });
    const file = check.locator('.contents-file').first();
    await file.waitFor();
    expect(await file.getByRole('heading', { level: 4 }).textContent()).toMatch(/\(public\)\.pdf/);
    expect(await check.locator('.notice-error').count()).toBe(0);
    expect(await file.textContent()).toMatch(/Attached files\s*None/);
    expect(await check.getByRole('button', { name: /^(Check the public copy|Check again)$/ }).isVisible()).toBe(true);
  });

  it('shows it published after the next sync, and the record it supersedes as superseded, each linking to the other', async () => {
    const pass = await api('sync.now', {});
    expect(pass.published.length).toBe(2);
    await openInRegister('Estates strategy 2026');
    await panel().waitFor();
    await expect.poll(async () => (await facts()).Status).toBe('Published');
    expect((await facts())['Date published']).toBe(today());
    await panel().getByRole('button', { name: earlier.reference! }).click();
    await page.getByRole('heading', { level: 2, name: 'Estates strategy 2024' }).waitFor();
    await expect.poll(async () => (await facts()).Status).toBe('Superseded');
    expect((await facts())['Superseded by']).toBe(later.reference);
    await panel().getByRole('button', { name: later.reference! }).click();
    await page.getByRole('heading', { level: 2, name: 'Estates strategy 2026' }).waitFor();
    // Published now: the register no longer names them late.
    await page.goto(`${served.bridge.origin}/`);
    await page.getByRole('listbox', { name: 'Records of decision' }).waitFor();
    expect(await page.getByRole('region', { name: /not yet published/ }).count()).toBe(0);
  });

  it('withdraws the record with a reason that is required, and shows it withdrawn', async () => {
    await openInRegister('Estates strategy 2026');
    await panel().getByRole('button', { name: 'Withdraw…' }).click();
    const dialog = page.getByRole('dialog', { name: `Withdraw ${later.reference}?` });
    await dialog.getByText('It stays on the register marked withdrawn, with your reason.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await dialog.getByText('Give the reason for withdrawing it: the register shows it.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publication-withdraw-dialog-1280x800.png') });
    expect(await seriousAccessibilityViolations('dialog')).toEqual([]);
    await dialog
      .getByLabel('Reason for withdrawing it')
      .fill('Replaced by a revised strategy after the estates review.');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await panel().getByText(`${later.reference} is withdrawn.`, { exact: false }).waitFor();
    await expect.poll(async () => (await facts()).Status).toBe('Withdrawn');
    expect((await facts()).Withdrawal).toMatch(
      /^Withdrawn on \d{1,2} \w+ \d{4} by Alex Morgan\.Reason given:Replaced by a revised strategy after the estates review\.$/,
    );
    const record = await api('records.get', { id: later.id });
    expect(record.withdrawal).toMatchObject({
      by: 'Alex Morgan',
      reason: 'Replaced by a revised strategy after the estates review.',
    });
    expect(londonDay(record.withdrawal!.at)).toBe(londonDay(new Date()));
    await panel().scrollIntoViewIfNeeded();
    await panel().screenshot({ path: path.join(SCREENSHOTS, 'publication-panel-1280x800.png') });
    expect(await seriousAccessibilityViolations('.publication-panel')).toEqual([]);
  });

  it('exports the PDF for the archive and the PDF for the website from Export PDF', async () => {
    for (const choice of ['PDF for the archive', 'PDF for the website (public)']) {
      await page.getByRole('button', { name: /^Export PDF/ }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: new RegExp(`^${choice.replace(/[()]/g, '\\$&')}`) }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const file = path.join(tmp, `${choice.length}.pdf`);
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('saves the publication settings with the template', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const group = page.getByRole('group', { name: 'Publication', exact: true });
    await group.waitFor();
    await group.getByRole('radio', { name: /^As text/ }).check();
    await group.getByRole('checkbox', { name: /officers’ comments/ }).uncheck();
    await group.getByLabel('Late after this many days').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await group.getByText('This must be at least 1.').waitFor();
    await group.getByLabel('Late after this many days').fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await api('settings.get', {})).template.publication).toEqual({
      signatures: 'text',
      comments: false,
      overdueDays: 30,
    });
    await group.scrollIntoViewIfNeeded();
    await group.screenshot({ path: path.join(SCREENSHOTS, 'publication-settings-1280x800.png') });
    expect(await seriousAccessibilityViolations('.settings-form')).toEqual([]);
  });

  it('caused no console errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
