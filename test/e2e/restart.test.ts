// No keystroke lost in browser mode: typing goes on while Decision Desk is stopped and started again on the same data
// folder (the open tab saves it once it is back), and edits that never reached it survive the tab going.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecisionRecord, DeskError } from '../../electron/core/domain/index.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';

let tmp: string;
let dataDir: string;
let served: ServedDesk | null = null;
let browser: Browser;
let page: Page;
let recordId: string;

/** What the database holds, read past the window. */
async function stored(): Promise<DecisionRecord> {
  return served!.desk.service['records.get']({ id: recordId });
}

const field = (name: string) => page.locator(`#field-${name}`);
/** The status line saying Saved: everything typed so far has reached the database. */
const saved = (timeout?: number) => page.locator('.save-status .save-saved').waitFor({ timeout });

beforeAll(async () => {
  ensureRendererBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-restart-e2e-'));
  dataDir = path.join(tmp, 'data');
  served = await serveDesk({ dataDir, open: false });
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  // An upper bound on waits for conditions, for a machine as busy as CI's: a restart and a fresh tab are slow there.
  context.setDefaultTimeout(60_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('typing across a restart of browser mode', () => {
  it('types into a new record, saved as usual', async () => {
    await page.goto(served!.bridge.url);
    await page.getByRole('button', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    await page.keyboard.type('Victim services commissioning');
    await field('executiveSummary').click();
    await page.keyboard.type('Typed before the stop.');
    await saved();
    recordId = (
      await served!.desk.service['records.list']({
        direction: 'desc',
        limit: 10,
        offset: 0,
        sort: 'updated',
        bin: false,
      })
    ).items[0]!.id;
    expect((await stored()).executiveSummary).toContain('Typed before the stop.');
  });

  it('keeps typing while Decision Desk is stopped, and the same tab saves it all once it is started again', async () => {
    const { url } = served!.bridge;
    await served!.stop();
    served = null;

    await page.keyboard.type(' Typed while it was stopped.');
    await field('title').click();
    await page.keyboard.press('End');
    await page.keyboard.type(', 2026 to 2029');
    await page.locator('.save-status .save-failed').waitFor();

    // The same data folder: the same address and token, so the open tab can reach it again.
    served = await serveDesk({ dataDir, open: false });
    expect(served.bridge.url).toBe(url);
    // The tab tries again by itself (its retries back off up to 30 seconds).
    await saved(90_000);
    const record = await stored();
    expect(record.title).toBe('Victim services commissioning, 2026 to 2029');
    expect(record.executiveSummary).toContain('Typed before the stop. Typed while it was stopped.');
  });

  it('offers edits that never reached Decision Desk back in a new window, and saves them when restored', async () => {
    const { url } = served!.bridge;
    await served!.stop();
    served = null;
    await field('executiveSummary').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed just before the tab went.');
    await field('title').click();
    await page.locator('.save-status .save-failed').waitFor();
    // The tab goes (closed, crashed, or reloaded while Decision Desk was stopped) with its edits unsaved.
    const context = page.context();
    await page.close({ runBeforeUnload: true });
    await page.waitForEvent('close');

    served = await serveDesk({ dataDir, open: false });
    // A save the tab sent as it went outlives it (every call is a keepalive request), and on a busy machine it can
    // reach the restarted Decision Desk after all, which then rightly offers nothing. To test the offer, such late
    // saves are lost here, as they are when Decision Desk comes back later: refused until the new tab restores.
    const service = served.desk.service;
    const save = service['records.save'];
    let lateSavesRefused = true;
    service['records.save'] = (input) =>
      lateSavesRefused ? Promise.reject(new DeskError('unavailable', 'Decision Desk is not running.')) : save(input);
    expect((await stored()).executiveSummary).not.toContain('Typed just before the tab went.');
    // A new tab from the printed address (or a bookmark of it): the edits were kept in this browser's storage.
    page = await context.newPage();
    await page.goto(url);
    // The register names the record whose edits were kept, and leads to it.
    const hint = page.locator('.notice', {
      hasText: 'Unsaved changes to “Victim services commissioning, 2026 to 2029” were kept',
    });
    await hint.getByRole('button', { name: 'Open it' }).click();
    const offer = page.getByText(/^Unsaved changes from \d{2}:\d{2} were kept on this computer\.$/);
    // This wait once ran out under load (see the notes of issue 16): what the window showed instead is kept.
    await offer.waitFor().catch(async (error: unknown) => {
      fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({
        path: path.join(ROOT, 'test-results', 'restart-kept-offer-missing.png'),
        fullPage: true,
      });
      const kept = await page.evaluate<string>('JSON.stringify(Object.keys(localStorage))');
      throw new Error(
        `${(error as Error).message}\nlocalStorage keys: ${kept}; the window is in test-results/restart-kept-offer-missing.png`,
      );
    });
    expect(await field('executiveSummary').textContent()).not.toContain('Typed just before the tab went.');
    lateSavesRefused = false;
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await saved();
    expect(await offer.count()).toBe(0);
    expect(await field('executiveSummary').textContent()).toContain('Typed just before the tab went.');
    expect((await stored()).executiveSummary).toContain('Typed while it was stopped. Typed just before the tab went.');

    // Saved now, so a reload offers nothing.
    await page.reload();
    await page.getByRole('listbox', { name: 'Records of decision' }).getByRole('option').first().click();
    await page.getByRole('heading', { level: 2, name: 'Victim services commissioning, 2026 to 2029' }).waitFor();
    expect(await page.locator('.kept-edits .notice').count()).toBe(0);
    expect(await page.getByText(/were kept on this computer/).count()).toBe(0);
  });

  it('loses nothing typed just before a reload while Decision Desk runs', async () => {
    await field('executiveSummary').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed just before a reload.');
    // No pause for the autosave: the page goes at once (its last save is sent as it goes, and the edits are kept).
    await page.reload();
    await page.getByRole('listbox', { name: 'Records of decision' }).getByRole('option').first().click();
    await page.getByRole('heading', { level: 2, name: 'Victim services commissioning, 2026 to 2029' }).waitFor();
    // Either the save sent as the page went arrived first, or the kept edits are offered: restoring them saves them.
    const offer = page.locator('.kept-edits .notice');
    const summary = field('executiveSummary').getByText(/Typed just before a reload\./);
    await offer.or(summary).first().waitFor();
    if (await offer.count()) await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await summary.waitFor();
    await saved();
    await expect
      .poll(async () => (await stored()).executiveSummary)
      .toContain('Typed just before the tab went. Typed just before a reload.');
  });
});
