// The window behaves like Word, end to end in Chromium (browser mode on a temp data folder): a new record opens at
// its first field, Ctrl+F finds within the open record (and still goes to the register's search elsewhere), Ctrl+P
// prints the form rather than downloading a PDF, and signing mode shows the decision beside the pad in both
// orientations of a tablet.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../electron/core/domain/index.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, RENDERER_OUT, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations as axeScan } from './support/axe.ts';
import { apiOf } from './support/api.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };
const DECISION = 'The grants to the seven community safety partnerships are approved for three years, as recommended.';

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageProblems: string[] = [];
const downloads: string[] = [];

const api = apiOf(() => served.bridge);

function completeRecord(title: string): Promise<DecisionRecord> {
  return api('records.create', {
    content: {
      originator: 'Chief Executive',
      title,
      executiveSummary: 'The partnerships asked for **three-year** funding so that partnerships can plan ahead.',
      recommendation: 'That the Commissioner approves the grants to the partnerships listed in the annex.',
      decision: DECISION,
      impact: {
        planObjectives: 'Safer communities; support for victims.',
        equalityImpactAssessment: true,
        diversityImpact: false,
        diversityExplanation: '',
      },
      signOffs: [
        { role: 'chief-finance-officer', name: 'Priya Shah', comments: '' },
        { role: 'chief-executive', name: 'Tom Hughes', comments: '' },
        { role: 'commissioner', name: 'Matthew Scott', comments: '' },
      ],
    },
  });
}

const seriousAccessibilityViolations = () => axeScan(page);

const activeId = () => page.evaluate<string>('document.activeElement?.id ?? ""');
const findBar = () => page.getByRole('search', { name: 'Find in this record' });
const findCount = () => findBar().getByRole('status');

/** What the find highlights paint at the moment, read back from CSS.highlights. */
const highlighted = () =>
  page.evaluate<{ all: string[]; current: string[] }>(`(() => {
    const texts = (name) => [...(CSS.highlights.get(name) ?? [])].map((range) => range.toString());
    return { all: texts('find-match'), current: texts('find-current') };
  })()`);

/** Ink on the page: what the stubbed print() of each frame was asked to print, in order. */
const printed = () => page.evaluate<string[]>('window.__printed');

async function openFromRegister(title: string) {
  // A fresh page (the tab keeps the token): the register, not the record left open.
  await page.goto(`${served.bridge.origin}/`);
  await page.getByRole('option').filter({ hasText: title }).first().click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.mkdirSync('/work/scratch/window', { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-window-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false, keys: CHEAP_KEYS });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: LANDSCAPE,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  // Headless Chromium shows no print dialog: each frame's print() is replaced, as it loads, by one that notes the
  // text it was asked to print. A capturing listener on the page sees a frame's load before the page's own code does.
  await context.addInitScript(`(() => {
    window.__printed = [];
    window.print = () => window.__printed.push('the window');
    document.addEventListener('load', (event) => {
      const frame = event.target;
      if (!(frame instanceof HTMLIFrameElement)) return;
      try {
        frame.contentWindow.print = () => window.__printed.push(frame.contentDocument.body.innerText);
      } catch {
        // A frame of another origin cannot be printed from here, nor stubbed.
      }
    }, true);
  })()`);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/document's frame is sandboxed/.test(message.text()))
      pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  page.on('download', (download) => downloads.push(download.suggestedFilename()));
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the window, like Word', () => {
  it('is served as the production build that ships (vitest says NODE_ENV=test, which would build React for development)', () => {
    const assets = path.join(RENDERER_OUT, 'assets');
    const scripts = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // A warning only React's development build carries.
    for (const name of scripts)
      expect(fs.readFileSync(path.join(assets, name), 'utf8')).not.toContain(
        'Each child in a list should have a unique',
      );
  });

  it('opens a new record at its first field, from the New button and from Ctrl+N', async () => {
    await page.goto(served.bridge.url);
    await page.getByText('No records yet. Choose New record to start one.').waitFor();
    await page.getByRole('button', { name: 'New record' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    await page.waitForFunction('document.activeElement?.id === "field-title"');
    await page.keyboard.type('Typed straight into the title');
    expect(await page.locator('#field-title').inputValue()).toBe('Typed straight into the title');

    await page.locator('.nav-tab', { hasText: 'Records' }).click();
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    await page.waitForFunction('document.activeElement?.id === "field-title"');
  });

  it('finds within the open record with Ctrl+F: fields and rich text, N of M, Enter, Shift+Enter, F3, Escape', async () => {
    await completeRecord('Community safety partnership grants');
    await openFromRegister('Community safety partnership grants');
    await page.locator('#field-originator').focus();

    await page.keyboard.press('Control+f');
    await findBar().waitFor();
    expect(await activeId()).toBe('find-box');
    await page.keyboard.type('partnership');
    // The title (a text field) once, then the rich sections: summary twice, recommendation once, decision once.
    await expect.poll(async () => findCount().textContent()).toBe('1 of 5');
    expect((await highlighted()).all).toEqual(['partnership', 'partnership', 'partnership', 'partnership']);
    expect(await page.locator('#field-title').getAttribute('data-find-current')).toBe('');
    expect(
      await page.evaluate(
        '[document.getElementById("field-title").selectionStart, document.getElementById("field-title").selectionEnd]',
      ),
    ).toEqual(['Community safety '.length, 'Community safety partnership'.length]);

    await page.keyboard.press('Enter');
    await expect.poll(async () => findCount().textContent()).toBe('2 of 5');
    expect((await highlighted()).current).toEqual(['partnership']);
    expect(await page.locator('#field-executiveSummary').getAttribute('data-find-current')).toBe('');
    await page.keyboard.press('F3');
    await page.keyboard.press('F3');
    await page.keyboard.press('F3');
    await expect.poll(async () => findCount().textContent()).toBe('5 of 5');
    expect(await page.locator('#field-decision').getAttribute('data-find-current')).toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(async () => findCount().textContent()).toBe('1 of 5');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(async () => findCount().textContent()).toBe('5 of 5');
    // The editor's DOM is only read: its text is unchanged, with no marks added.
    expect(await page.locator('#field-decision mark, #field-decision span[class*="find"]').count()).toBe(0);

    // Matches across bold: "three-year funding" spans the summary's bold and plain text.
    await page.locator('#find-box').fill('three-year funding');
    await expect.poll(async () => findCount().textContent()).toBe('1 of 1');
    expect((await highlighted()).current).toEqual(['three-year funding']);
    await page.locator('#find-box').fill('nowhere in this record');
    await expect.poll(async () => findCount().textContent()).toBe('No matches');
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await page.screenshot({ path: '/work/scratch/window/find-bar.png' });

    await page.keyboard.press('Escape');
    await findBar().waitFor({ state: 'detached' });
    expect(await activeId()).toBe('field-originator');
    expect(await highlighted()).toEqual({ all: [], current: [] });

    // Outside a record, Ctrl+F is the register's search, as before.
    await page.locator('.nav-tab', { hasText: 'Records' }).click();
    await page.keyboard.press('Control+f');
    await page.waitForFunction('document.activeElement?.type === "search" && document.activeElement.id !== "find-box"');
  });

  it('prints the form with Ctrl+P, saving what is typed first, and downloads nothing', async () => {
    await openFromRegister('Community safety partnership grants');
    await page.locator('#field-title').fill('Community safety partnership grants 2026');
    await page.keyboard.press('Control+p');
    await expect.poll(async () => (await printed()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [form] = await printed();
    // The form as it prints, with the edit just made: not the window around it.
    expect(form).toContain('Community safety partnership grants 2026');
    expect(form).toContain(DECISION);
    expect(form).not.toContain('Find in this record');
    expect(await printed()).toHaveLength(1);
    expect(downloads).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it('shows the decision being signed beside the pad, both on screen, in landscape and in portrait', async () => {
    await api('trust.createSeal', { passphrase: SEAL_PASSPHRASE });
    await api('trust.enrol', {
      kind: 'signatory',
      role: 'chief-finance-officer',
      name: 'Priya Shah',
      pin: '204816',
      sealPassphrase: SEAL_PASSPHRASE,
    });
    const record = await completeRecord('Victim services grants');
    await api('records.submit', { id: record.id, baseRevision: record.revision });
    await openFromRegister('Victim services grants');
    await page.getByRole('button', { name: 'Open signing mode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signing mode' }).waitFor();

    for (const [name, viewport] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await page.setViewportSize(viewport);
      const quote = page.getByRole('region', { name: 'The decision you are signing' });
      const decision = quote.getByText(DECISION);
      const pad = page.locator('canvas.signature-pad-canvas');
      await decision.waitFor();
      await pad.waitFor();
      // Wait for the layout of this orientation to settle: both boxes inside the window, none scrolled.
      await expect
        .poll(async () => {
          const inside = async (box: { x: number; y: number; width: number; height: number } | null) =>
            box !== null &&
            box.x >= 0 &&
            box.y >= 0 &&
            box.x + box.width <= viewport.width &&
            box.y + box.height <= viewport.height;
          return [await inside(await decision.boundingBox()), await inside(await pad.boundingBox())];
        })
        .toEqual([true, true]);
      expect(await quote.getByText('Victim services grants').count()).toBeGreaterThan(0);
      expect(await seriousAccessibilityViolations()).toEqual([]);
      await page.screenshot({ path: path.join('/work/scratch/window', `signing-${name}.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `window-signing-${name}.png`) });
    }

    // The whole record is one tap away.
    await page.getByRole('button', { name: 'Read the whole record' }).click();
    await page.locator('iframe.signing-preview-frame').waitFor();
    await page.screenshot({ path: path.join('/work/scratch/window', 'signing-portrait-whole-record.png') });
    expect(pageProblems).toEqual([]);
  });
});
