// Trust across two devices over one shared folder, each in its own window: the administrator's laptop creates the
// office seal; the tablet pins it by the fingerprint read off the laptop's screen and asks for a Chief Finance
// Officer's key; the laptop approves the request; after Sync now on both, the tablet's key signs. Then Verify shared
// folder on the laptop.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodResult } from '../../electron/contract.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { callApi } from './support/api.ts';
import { type Device, startDevice as startOfficeDevice } from './support/device.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';
const CFO = { name: 'Priya Shah', pin: '204816' };
/** Keys made cheaply (the scrypt costs are written into each key file), so enrolling and signing take milliseconds. */
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };

let tmp: string;
let share: string;
let browser: Browser;
let laptop: Device;
let tablet: Device;
let fingerprintOnScreen: string;
const pageProblems: string[] = [];

const api = <M extends Method>(device: Device, method: M, input: MethodInput<M>): Promise<MethodResult<M>> =>
  callApi(device.served.bridge, method, input);

const startDevice = (name: string) =>
  startOfficeDevice(name, { root: tmp, share, browser, keys: CHEAP_KEYS, problems: pageProblems });

async function syncNow({ page }: Device): Promise<string> {
  const close = page.locator('.sync-outcome').getByRole('button', { name: 'Close' });
  if (await close.isVisible()) await close.click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const outcome = page.locator('.sync-outcome .notice p');
  await outcome.waitFor();
  const text = (await outcome.textContent()) ?? '';
  await close.click();
  return text;
}

const trustSection = ({ page }: Device) => page.getByRole('region', { name: 'Office seal and signatories' });

async function openSettings(device: Device) {
  await device.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await trustSection(device).getByRole('heading', { name: 'Office seal and signatories' }).waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-enrolment-e2e-'));
  share = path.join(tmp, 'share');
  fs.mkdirSync(share);
  browser = await launchChromium();
  laptop = await startDevice('Laptop');
  tablet = await startDevice('Signing tablet');
});

afterAll(async () => {
  await browser?.close();
  await laptop?.served.stop();
  await tablet?.served.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a key for a second device, approved on the seal’s device', () => {
  it('creates the seal on the laptop and shows its fingerprint in fours', async () => {
    await openSettings(laptop);
    const section = trustSection(laptop);
    await section.getByLabel('Passphrase for the seal', { exact: true }).fill(SEAL_PASSPHRASE);
    await section.getByLabel('The passphrase again', { exact: true }).fill(SEAL_PASSPHRASE);
    await section.getByRole('button', { name: 'Create the office seal' }).click();
    await laptop.page.getByText('The office seal is created and pinned in the template.').waitFor();
    fingerprintOnScreen = ((await section.locator('.trust-seal .trust-fingerprint').textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    expect(fingerprintOnScreen).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(await syncNow(laptop)).toMatch(/^Synced: /);
    expect(fs.existsSync(path.join(share, 'office', 'seal.cer'))).toBe(true);
  });

  it('pins the seal on the tablet with the fingerprint typed from the laptop’s screen, then waits for its certificate', async () => {
    await openSettings(tablet);
    const form = trustSection(tablet).getByRole('form', { name: 'This office already has a seal' });
    await form.getByText('Read the fingerprint from the administrator’s device, or from IT').waitFor();
    const field = form.getByLabel('The seal’s fingerprint (SHA-256)');
    // A slip first: one group left out.
    await field.fill(fingerprintOnScreen.slice(5));
    await form.getByRole('button', { name: 'Pin the office seal' }).click();
    await form.getByText(/The fingerprint has 60 digits; it has 64/).waitFor();
    await field.fill(fingerprintOnScreen);
    expect(
      ((await form.locator('.trust-fingerprint-readback code').textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    ).toBe(fingerprintOnScreen);
    await form.getByText('64 of 64', { exact: true }).waitFor();
    // No field is marked any more, so the form no longer says to correct one.
    expect(await form.getByText('Correct the fields marked', { exact: false }).count()).toBe(0);
    await form.scrollIntoViewIfNeeded();
    await tablet.page.screenshot({ path: path.join(SCREENSHOTS, 'settings-pin-seal-1280x800.png') });
    expect(await seriousAccessibilityViolations(tablet.page)).toEqual([]);

    await form.getByRole('button', { name: 'Pin the office seal' }).click();
    await tablet.page
      .getByText('The office seal is pinned. Sync now fetches its certificate from the shared folder.')
      .waitFor();
    await trustSection(tablet).getByText('Waiting for the seal’s certificate from the shared folder.').waitFor();
    expect((await api(tablet, 'settings.get', {})).template.sealFingerprint).toBe(
      fingerprintOnScreen.replace(/ /g, '').toLowerCase(),
    );
  });

  it('asks for a Chief Finance Officer’s key on the tablet, which waits for the administrator', async () => {
    const section = trustSection(tablet);
    await section.getByRole('button', { name: 'Ask for a key for the Chief Finance Officer' }).click();
    const form = section.getByRole('form', { name: 'Ask for a key for the Chief Finance Officer' });
    expect(await form.getByLabel('The seal’s passphrase (administrator)').count()).toBe(0);
    await form.getByLabel('Name', { exact: true }).fill(CFO.name);
    await form.getByLabel('PIN', { exact: true }).fill(CFO.pin);
    await form.getByLabel('The PIN again').fill(CFO.pin);
    await form.getByRole('button', { name: 'Ask for a key' }).click();
    await section.getByText('Waiting for the administrator to approve (on the device that holds the seal)').waitFor();

    // The tablet's pass fetches the seal's certificate and leaves the request on the share.
    expect(await syncNow(tablet)).toMatch(/^Synced: /);
    await section.locator('.trust-seal').getByText('On the administrator’s device: enrol and revoke there').waitFor();
    expect(
      fs.readdirSync(path.join(share, 'signatories', 'requests')).filter((name) => name.startsWith('signatory-')),
    ).toHaveLength(1);
    await section.getByText('Waiting for the administrator to approve (on the device that holds the seal)').waitFor();
  });

  it('lists the tablet’s request on the laptop after its Sync now, and approves it with the passphrase', async () => {
    expect(await syncNow(laptop)).toMatch(/^Synced: /);
    const section = trustSection(laptop);
    const list = section.getByRole('list', { name: 'Requests from other devices' });
    const request = list.getByRole('listitem').filter({ hasText: CFO.name });
    await request.waitFor();
    expect(await request.textContent()).toContain('Chief Finance Officer');
    expect(await request.textContent()).toContain('Signing tablet');
    await list.scrollIntoViewIfNeeded();
    await laptop.page.screenshot({ path: path.join(SCREENSHOTS, 'settings-requests-1280x800.png') });
    expect(await seriousAccessibilityViolations(laptop.page)).toEqual([]);

    await request.getByRole('button', { name: `Approve ${CFO.name} as Chief Finance Officer` }).click();
    const dialog = laptop.page.getByRole('dialog', { name: `Approve ${CFO.name} as Chief Finance Officer?` });
    await dialog
      .getByText(`Approve only when you know ${CFO.name} asked, on Signing tablet`, { exact: false })
      .waitFor();
    await dialog.getByLabel('The seal’s passphrase (administrator)').fill('not the passphrase at all');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^Not approved\. /)
      .waitFor();
    await laptop.page.screenshot({ path: path.join(SCREENSHOTS, 'settings-approve-dialog-1280x800.png') });
    expect(await seriousAccessibilityViolations(laptop.page)).toEqual([]);
    await dialog.getByLabel('The seal’s passphrase (administrator)').fill(SEAL_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await laptop.page.getByText(`Approved: ${CFO.name} as Chief Finance Officer.`, { exact: false }).waitFor();
    await request.getByText('Approved', { exact: true }).waitFor();
    await laptop.page.screenshot({ path: path.join(SCREENSHOTS, 'settings-requests-approved-1280x800.png') });
  });

  it('after Sync now on both, the tablet’s key can sign', async () => {
    expect(await syncNow(laptop)).toMatch(/^Synced: /);
    expect(await syncNow(tablet)).toMatch(/^Synced: /);
    const key = trustSection(tablet).locator('.trust-keys li').filter({ hasText: CFO.name });
    await key.getByText(/^Can sign; valid until/).waitFor();
    const status = await api(tablet, 'trust.status', {});
    const cfoKey = status.keys.find((k) => k.kind === 'signatory' && k.role === 'chief-finance-officer');
    expect(cfoKey).toMatchObject({ name: CFO.name, usable: true, waiting: false });
    // The request has done its work on the share.
    expect(
      fs.readdirSync(path.join(share, 'signatories', 'requests')).filter((name) => name.startsWith('signatory-')),
    ).toEqual([]);
  });

  it('verifies the shared folder from the sync view', async () => {
    const { page } = laptop;
    await page
      .locator('.sync-control')
      .getByRole('button', { name: /sync details/ })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Sync with the shared folder' }).waitFor();
    await page.getByRole('button', { name: 'Verify shared folder' }).click();
    await page.getByText('There are no published records on the shared folder to check.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('caused no console errors or Content-Security-Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
