// Two devices sync through one shared folder, each in its own window: a record submitted on the laptop is signed in
// the tablet's signing mode and comes back published; the status in the bar; a conflict copy shown and dismissed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodResult } from '../../electron/contract.ts';
import { computeContentHash, type DecisionRecord } from '../../electron/core/domain/index.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { signWithPen } from './support/pen.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { callApi } from './support/api.ts';
import { type Device, startDevice as startOfficeDevice } from './support/device.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const NAMES = {
  'chief-finance-officer': 'Priya Shah',
  'chief-executive': 'Tom Hughes',
  commissioner: 'Matthew Scott',
} as const;
const TITLE = 'Rural crime partnership funding 2026/27';
const PIN = '135790';
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';
/** Keys made cheaply (the scrypt costs are written into each key file), so enrolling and signing take milliseconds. */
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };

let tmp: string;
let share: string;
let browser: Browser;
let laptop: Device;
let tablet: Device;
let record: DecisionRecord;
const pageProblems: string[] = [];

/** Calls a device's API over its bridge, as a second client would, with the token header. */
const api = <M extends Method>(device: Device, method: M, input: MethodInput<M>): Promise<MethodResult<M>> =>
  callApi(device.served.bridge, method, input);

const startDevice = (name: string) =>
  startOfficeDevice(name, { root: tmp, share, browser, keys: CHEAP_KEYS, problems: pageProblems });

/**
 * Presses Sync now and waits for what the pass did (any earlier outcome is closed first, so it is this pass's). An
 * outcome that went well also closes itself after a while, so it may go between seeing Close and clicking it.
 */
async function syncNow({ page }: Device): Promise<string> {
  const close = page.locator('.sync-outcome').getByRole('button', { name: 'Close' });
  await expect
    .poll(
      async () => {
        if (await close.isVisible()) await close.click({ timeout: 2_000 }).catch(() => undefined);
        return close.isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const outcome = page.locator('.sync-outcome .notice p');
  await outcome.waitFor();
  return (await outcome.textContent()) ?? '';
}

const statusButton = ({ page }: Device, name: RegExp) => page.locator('.sync-control').getByRole('button', { name });

const registerLine = ({ page }: Device) =>
  page.getByRole('listbox', { name: 'Records of decision' }).getByRole('option').filter({ hasText: TITLE });

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sync-e2e-'));
  share = path.join(tmp, 'share');
  fs.mkdirSync(share);
  browser = await launchChromium();
  laptop = await startDevice('Laptop');
  tablet = await startDevice('Tablet');
});

afterAll(async () => {
  await browser?.close();
  await laptop?.served.stop();
  await tablet?.served.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('sync through a shared folder, in two windows', () => {
  it('shows each device’s sync status in the bar, and what Sync now did', async () => {
    for (const device of [laptop, tablet]) {
      expect(await syncNow(device)).toMatch(/^Synced: 0 handed over, 0 received, 0 published; nothing waiting\./);
      await statusButton(device, /^Synced \d{2}:\d{2}/).waitFor();
    }
    await laptop.page.screenshot({ path: path.join(SCREENSHOTS, 'sync-status-1280x800.png') });
    expect(await seriousAccessibilityViolations(laptop.page)).toEqual([]);
  });

  it('hands a record submitted on the laptop to the tablet, awaiting signatures with its reference', async () => {
    record = await api(laptop, 'records.create', {
      content: {
        originator: 'Chief Executive',
        title: TITLE,
        executiveSummary: 'The partnership asked for a second year of funding for its rural crime officers.',
        recommendation: 'That the Commissioner approves the grant.',
        decision: 'The grant is approved as recommended.',
        impact: {
          planObjectives: 'Safer rural communities.',
          equalityImpactAssessment: true,
          diversityImpact: false,
          diversityExplanation: '',
        },
        signOffs: Object.entries(NAMES).map(([role, name]) => ({ role, name, comments: '' })),
      },
    });
    await laptop.page.reload();
    await registerLine(laptop).click();
    await laptop.page.getByRole('button', { name: 'Submit for signatures' }).click();
    await laptop.page.getByText(/^Submitted for signatures as OPCC\.D\.\d{3}\.\d{2}\./).waitFor();
    record = await api(laptop, 'records.get', { id: record.id });
    expect(record.reference).toMatch(/^OPCC\.D\.\d{3}\.\d{2}$/);

    expect(await syncNow(laptop)).toMatch(/^Synced: 1 handed over, 0 received, 0 published; nothing waiting\./);
    expect(await syncNow(tablet)).toMatch(/^Synced: 0 handed over, 1 received, 0 published; nothing waiting\./);
    const line = registerLine(tablet);
    await line.filter({ hasText: 'Awaiting signatures' }).filter({ hasText: record.reference! }).waitFor();
  });

  it('shows two versions of one record side by side, and keeps this device’s on both', async () => {
    const { page } = laptop;
    // Another device wrote a different version at the same revision (as if it had edited a locked record).
    const folder = path.join(share, 'pending', record.id);
    const own = fs.readdirSync(folder).find((name) => name.startsWith(`${record.revision}-`))!;
    const other = {
      ...(JSON.parse(fs.readFileSync(path.join(folder, own), 'utf8')) as DecisionRecord),
      title: `${TITLE} (edited elsewhere)`,
    };
    other.contentHash = computeContentHash(other);
    fs.writeFileSync(path.join(folder, `${record.revision}-Other_abc123.json`), JSON.stringify(other));

    await syncNow(laptop);
    await statusButton(laptop, /^1 conflict to resolve/).click();
    const conflict = page.getByRole('list', { name: 'Conflicts to resolve' }).getByRole('article');
    await conflict.getByRole('heading', { name: `Two versions of one record: ${record.reference}` }).waitFor();
    expect(
      await conflict
        .getByRole('region', { name: 'This device\u2019s version' })
        .getByText(TITLE, { exact: true })
        .isVisible(),
    ).toBe(true);
    expect(
      await conflict
        .getByRole('region', { name: 'The other device\u2019s version' })
        .getByText(other.title)
        .isVisible(),
    ).toBe(true);
    await page.locator('.sync-outcome').getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sync-conflict-versions-1280x800.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await conflict.getByRole('button', { name: 'Keep this device\u2019s version' }).click();
    await page.getByText('Kept this device\u2019s version. Every device takes it at its next sync.').waitFor();
    await page.getByText('No conflicts to resolve.').waitFor();
    // The version kept goes out above both, and settles the conflict on the tablet too.
    await syncNow(laptop);
    await syncNow(tablet);
    for (const device of [laptop, tablet]) {
      await statusButton(device, /^Synced \d{2}:\d{2}/).waitFor();
      expect((await api(device, 'records.get', { id: record.id })).title).toBe(TITLE);
    }
  });

  it('signs all three in the tablet’s signing mode, publishes there, and the laptop sees it published', async () => {
    const { page } = tablet;
    // The tablet holds the office seal and a key for each signatory (enrolled in Settings; see signing.test.ts).
    await api(tablet, 'trust.createSeal', { passphrase: SEAL_PASSPHRASE });
    for (const [role, name] of Object.entries(NAMES))
      await api(tablet, 'trust.enrol', { kind: 'signatory', role, name, pin: PIN, sealPassphrase: SEAL_PASSPHRASE });
    // The laptop pins the same seal by its fingerprint (as the administrator reads it out); its certificate comes from the share.
    const { pinned } = await api(tablet, 'trust.status', {});
    const { template } = await api(laptop, 'settings.get', {});
    await api(laptop, 'settings.update', { patch: { template: { ...template, sealFingerprint: pinned } } });
    await registerLine(tablet).click();
    await page.getByRole('button', { name: 'Open signing mode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signing mode' }).waitFor();
    const signed = [
      `Signed by ${NAMES['chief-finance-officer']} as Chief Finance Officer.`,
      `Signed by ${NAMES['chief-executive']} as Chief Executive.`,
      `Signed by ${NAMES.commissioner}. Every signature is in: the record is decided.`,
    ];
    for (const [index, message] of signed.entries()) {
      await signWithPen(page, 40 + index);
      await page.getByLabel('Your PIN', { exact: true }).fill(PIN);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByText(message).waitFor();
    }
    await page.getByRole('button', { name: 'Leave signing mode' }).first().click();

    // Publishing makes the PDF and Word files, checks them on the share, then marks the record published.
    await syncNow(tablet);
    await expect
      .poll(async () => (await api(tablet, 'records.get', { id: record.id })).status, { timeout: 30_000 })
      .toBe('published');
    const bundle = path.join(share, 'decisions', `20${record.reference!.slice(-2)}`, record.reference!);
    expect(fs.readdirSync(bundle).sort()).toEqual([
      `${record.reference}.docx`,
      `${record.reference}.pdf`,
      'manifest.json',
      'manifest.sig.json',
      'record.json',
    ]);

    // The laptop still has the record open: after Sync now it shows it published, with the signatures, as it is.
    await laptop.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: TITLE }).click();
    await laptop.page
      .getByText(`Awaiting signatures as ${record.reference}: 0 of 3 signed. The content is locked.`)
      .waitFor();
    expect(await syncNow(laptop)).toMatch(/^Synced: /);
    await laptop.page.locator('.record-facts').getByText('Published', { exact: true }).waitFor();
    await laptop.page.getByText(`Signed by everyone as ${record.reference}. The content is locked.`).waitFor();
    await laptop.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Records' }).click();
    await registerLine(laptop).filter({ hasText: 'Published' }).waitFor();
    expect((await api(laptop, 'records.get', { id: record.id })).signOffs.every((s) => s.signature)).toBe(true);
    for (const device of [laptop, tablet]) await statusButton(device, /^Synced \d{2}:\d{2}/).waitFor();
  });

  it('reports a conflict copy on the share in the bar, and the conflicts view dismisses it', async () => {
    const { page } = laptop;
    fs.writeFileSync(path.join(share, 'decision-desk (1).json'), '{}');
    await syncNow(laptop);
    await statusButton(laptop, /^1 conflict to resolve/).click();
    await page.getByRole('heading', { level: 2, name: 'Sync with the shared folder' }).waitFor();
    const conflict = page.getByRole('list', { name: 'Conflicts to resolve' }).getByRole('article');
    await conflict.getByRole('heading', { name: 'A conflict copy on the shared folder' }).waitFor();
    expect(await conflict.getByText('decision-desk (1).json', { exact: true }).isVisible()).toBe(true);
    await page.locator('.sync-outcome').getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sync-conflicts-1280x800.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await conflict.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('Dismissed.').waitFor();
    await page.getByText('No conflicts to resolve.').waitFor();
    await statusButton(laptop, /^Synced \d{2}:\d{2}/).waitFor();
    // Dismissed stays dismissed: the next pass sees the copy again and says nothing.
    expect(await syncNow(laptop)).toMatch(/^Synced: .*nothing waiting\.$/);
    expect(await page.getByText('No conflicts to resolve.').isVisible()).toBe(true);
  });

  it('caused no console errors or Content-Security-Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
