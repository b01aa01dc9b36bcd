// The paged preview end to end in Chromium over the web bridge: a record long enough for several pages shows each
// page as the PDF engine prints it (footer "Page N of M" included), named for assistive technology, and scrolls to
// the page of the section the cursor goes into.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt } from './support/renderer.ts';

/** Screenshots to look at, outside the worktree. */
const SHOTS = process.env.PREVIEW_SHOTS ?? path.join(os.tmpdir(), 'desk-preview-shots');
const TITLE = 'Regional custody suite replacement';

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let page: Page;
let recordId: string;
const pageProblems: string[] = [];

/** About a page of the office's prose per call. */
function paragraphs(topic: string, count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `${i + 1}. The ${topic} was reviewed against the estates strategy, the medium-term financial plan and the ` +
      `inspectorate's findings on detention; the options appraisal weighed cost, capacity, the welfare of detained ` +
      `people and the travel time of officers from each of the four policing districts.`,
  ).join('\n\n');
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-preview-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  const created = await served.desk.service['records.create']({
    content: {
      title: TITLE,
      executiveSummary: paragraphs('custody estate', 24),
      recommendation: paragraphs('preferred option', 14),
      decision: `The Commissioner approves the replacement of the custody suite.\n\n${paragraphs('approval', 4)}`,
    },
  });
  recordId = created.id;
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(30_000);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const pages = () => page.locator('.preview-pages').getByRole('img', { name: /^Page \d+ of \d+$/ });

/** The text of each page of the preview's PDF, as an independent reader (pdftotext) finds it. */
async function printedPages(): Promise<string[]> {
  const { base64 } = await served.desk.service['export.previewPdf']({ id: recordId });
  const file = path.join(tmp, 'preview.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

describe('the paged preview', () => {
  it('shows every printed page, each named "Page N of M", with the footer drawn on it', async () => {
    await page.goto(served.bridge.url);
    await page.getByRole('option', { name: new RegExp(TITLE) }).click();
    await pages().first().waitFor();
    const printed = await printedPages();
    expect(printed.length).toBeGreaterThanOrEqual(3);
    // Each page the engine printed carries its footer, and the preview shows that many pages, named alike.
    printed.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${printed.length}`));
    await expect
      .poll(() => page.evaluate<number>(`document.querySelectorAll('.preview-pages canvas').length`), {
        timeout: 30_000,
      })
      .toBe(printed.length);
    expect(await pages().evaluateAll((all) => all.map((c) => c.getAttribute('aria-label')))).toEqual(
      printed.map((_, i) => `Page ${i + 1} of ${printed.length}`),
    );
    // The footer is drawn: the band at the foot of each page (the bottom margin, 10-20 mm up) has dark text in it.
    const inked = await page.evaluate<
      number[]
    >(`[...document.querySelectorAll('.preview-pages canvas')].map((canvas) => {
      const band = canvas.getContext('2d').getImageData(0, Math.floor(canvas.height * 0.93), canvas.width, Math.floor(canvas.height * 0.05));
      let dark = 0;
      for (let i = 0; i < band.data.length; i += 4) if (band.data[i] < 128) dark += 1;
      return dark;
    })`);
    for (const dark of inked) expect(dark).toBeGreaterThan(50);
    await page.locator('.preview-pane').screenshot({ path: path.join(SHOTS, 'preview-pages.png') });
  });

  it('scrolls to the page of the section the cursor goes into, and says which page it is', async () => {
    const printed = await printedPages();
    const decisionPage = printed.findIndex((text) => text.includes('The Commissioner approves the replacement')) + 1;
    expect(decisionPage).toBeGreaterThanOrEqual(3);
    const total = printed.length;
    const scroller = page.locator('.preview-pages');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);

    await page.locator('#field-decision').click();
    // Scrolled (smoothly) until the decision's page fills the top of the view: the heading is near the top, so the
    // page's top edge is at or above the view's top and the page reaches past the first third of the view.
    await expect
      .poll(
        () =>
          page.evaluate<boolean>(`(() => {
          const box = document.querySelector('.preview-pages').getBoundingClientRect();
          const target = document.querySelector('.preview-pages canvas[data-page="${decisionPage}"]').getBoundingClientRect();
          return target.top <= box.top + 24 && target.bottom >= box.top + box.height / 3;
        })()`),
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.locator('.preview-page-indicator', { hasText: `Page ${decisionPage} of ${total}` }).waitFor();
    await page.locator('.preview-pane').screenshot({ path: path.join(SHOTS, 'preview-decision.png') });

    // Back to the title: page 1.
    await page.locator('#field-title').click();
    await expect
      .poll(() => page.evaluate<boolean>(`document.querySelector('.preview-pages').scrollTop < 24`), {
        timeout: 30_000,
      })
      .toBe(true);
    await page.locator('.preview-page-indicator', { hasText: `Page 1 of ${total}` }).waitFor();
  });

  it('redraws the pages after an autosave, and has no accessibility violations', async () => {
    await page.locator('#field-title').press('End');
    await page.keyboard.type(' (revised)');
    await page.locator('.save-status .save-saved').waitFor();
    // The first page's picture changes once the saved title is printed: wait for the canvases to be replaced.
    await pages()
      .first()
      .evaluate((canvas) => canvas.setAttribute('data-before-save', ''));
    await expect
      .poll(
        () =>
          page.evaluate<boolean>(`!document.querySelector('.preview-pages canvas')?.hasAttribute('data-before-save')`),
        { timeout: 60_000 },
      )
      .toBe(true);
    const results = await new AxeBuilder({ page }).include('.preview-pane').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
