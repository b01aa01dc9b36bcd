// Browser mode end to end: the built window served by the web bridge on a temp data folder, driven in Chromium.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations as axeScan } from './support/axe.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors and CSP violations: the window should cause none. */
const pageProblems: string[] = [];

async function screenshot(name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`) });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

/** WCAG 2.2 A/AA checks; serious and critical findings fail the test, with their rule and elements listed. */
const seriousAccessibilityViolations = () =>
  // axe cannot run inside the record preview's frame, which allows no script at all (editor.test.ts scans its HTML).
  axeScan(page, { exclude: 'iframe.preview-frame', bestPractice: true });

const rows = () => page.getByRole('listbox', { name: 'Records of decision' }).getByRole('option');
const focused = () => page.locator(':focus');

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) pageProblems.push(`${response.status()} for ${new URL(response.url()).pathname}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('browser mode', () => {
  it('opens from the printed address, taking the token out of it and setting no cookie, and shows the empty register', async () => {
    const response = await page.goto(served.bridge.url);
    expect(response?.status()).toBe(200);
    await page.waitForURL(`${served.bridge.origin}/`);
    expect(await context.cookies()).toEqual([]);

    await page.getByText('No records yet. Choose New record to start one.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Decision Desk');
    expect(await page.getByRole('heading', { level: 2, name: 'Records of decision' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('Decision Desk');
    await screenshot('register-empty');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('creates a record with New record, opens it at its title and lists it', async () => {
    await page.getByRole('button', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    expect(await focused().getAttribute('id')).toBe('field-title');
    await page.getByRole('button', { name: 'Records', exact: true }).first().click();
    await rows().first().waitFor();
    expect(await rows().count()).toBe(1);
    const row = rows().first();
    expect(await row.locator('.cell-reference').textContent()).toBe('Not yet assigned');
    expect(await row.locator('.cell-title').textContent()).toBe('Untitled record');
    expect(await row.getByText('Draft').isVisible()).toBe(true);
    expect(await page.getByText('1 record', { exact: true }).isVisible()).toBe(true);
    await row.click();
  });

  it('saves a title typed into the open record', async () => {
    await page.getByLabel('TITLE', { exact: true }).fill('Community safety fund grants for 2026/27');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.save-status .save-saved').waitFor();
    expect(
      await page.getByRole('heading', { level: 2, name: 'Community safety fund grants for 2026/27' }).isVisible(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Records', exact: true }).first().click();
    expect(await rows().first().locator('.cell-title').textContent()).toBe('Community safety fund grants for 2026/27');
  });

  it('starts a second record from the keyboard alone, with a visible focus ring', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // Past the skip link, the tabs of the bar and the register / Bin switch.
    const focusedText = () => page.evaluate<string>('document.activeElement.textContent');
    for (let tab = 0; tab < 12 && (await focusedText()) !== 'New record'; tab++) await page.keyboard.press('Tab');
    expect(await focused().textContent()).toBe('New record');
    // A string, as this runs in the page: the Node-side tsconfig has no DOM types.
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await screenshot('focus-on-new-record');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    expect(await focused().getAttribute('id')).toBe('field-title');
  });

  it('still lists both records after a reload, the tab keeping the token', async () => {
    await page.reload();
    await rows().nth(1).waitFor();
    const titles = await rows().locator('.cell-title').allTextContents();
    expect(titles).toEqual(['Untitled record', 'Community safety fund grants for 2026/27']);

    await rows().nth(1).click();
    expect(await page.getByLabel('TITLE', { exact: true }).inputValue()).toBe(
      'Community safety fund grants for 2026/27',
    );
    await screenshot('record-open');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('caused no console errors or Content-Security-Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });

  it('refuses a browser that has not been given the token: the window loads, the records do not', async () => {
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const refused = strangerPage.waitForResponse((reply) => new URL(reply.url()).pathname === '/api/records.list');
    expect((await strangerPage.goto(`${served.bridge.origin}/`))?.status()).toBe(200);
    const reply = await refused;
    expect(reply.status()).toBe(401);
    expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await strangerPage
      .getByText(/not signed in to Decision Desk/)
      .first()
      .waitFor();
    await stranger.close();
  });

  it('gives no other server on 127.0.0.1 the token, whatever the page or the browser sends there', async () => {
    const heard: http.IncomingHttpHeaders[] = [];
    const other = http.createServer((request, response) => {
      heard.push(request.headers);
      response
        .writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' })
        .end('<p>another service</p>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      // The window's own attempt (its policy stops it; were it let through, it would carry no token) ...
      await page.evaluate(`fetch(${JSON.stringify(`${otherOrigin}/from-the-window`)}).catch(() => null)`);
      // ... and the browser going there in another tab, as it would for any local service the person opens.
      const tab = await context.newPage();
      await tab.goto(`${otherOrigin}/in-another-tab`);
      await tab.evaluate(`fetch('/from-its-own-page', { credentials: 'include' })`);
      await tab.close();
      expect(heard.length).toBeGreaterThanOrEqual(2);
      for (const headers of heard) {
        expect(JSON.stringify(headers)).not.toContain(served.bridge.token);
        expect(headers.cookie).toBeUndefined();
      }
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
