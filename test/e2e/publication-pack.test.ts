// The publication pack in real Chromium, as the office's website serves it: written by `publish-pack`, served by a
// tiny static server. Accessible, every link resolves, the register sorts and filters from the keyboard, and a
// confidential decision shows its summary and reason and nothing else of it.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program.ts';
import { openDesk } from '../../electron/core/desk.ts';
import { OGL_URL } from '../../electron/core/export/pack.ts';
import { storeRecord } from '../../electron/core/sync/records.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { CONFIDENTIAL_REASON, CONFIDENTIAL_SUMMARY, publishedFixtures, SECRET_WORDS } from '../helpers/pack.ts';
import { ROOT } from './support/renderer.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

let tmp: string;
let pack: string;
let server: http.Server;
let base: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

function packFiles(): string[] {
  return (fs.readdirSync(pack, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(pack, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

async function seriousViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const bodyRows = () => page.locator('#register tbody tr');
const visibleReferences = () => page.locator('#register tbody tr:not([hidden]) th').allTextContents();

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pack-e2e-'));
  const dataDir = path.join(tmp, 'data');
  const desk = await openDesk(dataDir, { dailyBackup: false });
  const who = {
    actor: 'Test',
    device: 'Test device',
    numbering: { series: [{ id: 'main', label: 'Decisions', pattern: 'OPCC.D.{nnn}.{yy}', reset: 'year' as const }] },
    now: new Date('2024-03-02T10:00:00.000Z'),
  };
  for (const record of publishedFixtures())
    desk.db.transaction(() => storeRecord(desk.db, record, 'imported', 'imported', {}, who))();
  await desk.close();
  pack = path.join(tmp, 'website');
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, 'publish-pack', '--out', pack], {
    stdout: () => undefined,
    stderr: (t) => err.push(t),
  });
  expect({ code, err }).toEqual({ code: 0, err: [] });

  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The website's own icon, not the pack's: Chromium asks for it whatever the page says.
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    const file = path.join(pack, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(pack + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response
      .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
      .end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the publication pack in Chromium', () => {
  it('the register is accessible, scripted within its CSP, and every link on every page resolves', async () => {
    await page.goto(base);
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    expect(await bodyRows().count()).toBe(5);
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pack-register.png'), fullPage: true });

    const files = new Set(packFiles());
    const pages = ['index.html', ...[...files].filter((f) => f.startsWith('decisions/') && f.endsWith('.html'))];
    const broken: string[] = [];
    for (const file of pages) {
      await page.goto(new URL(file, base).href);
      const targets = await page
        .locator('a[href], link[href], script[src]')
        .evaluateAll((nodes: { href?: string; src?: string }[]) => nodes.map((node) => node.href || node.src || ''));
      for (const target of targets) {
        if (target === OGL_URL) continue;
        const url = new URL(target);
        const inPack = url.origin === new URL(base).origin && files.has(decodeURIComponent(url.pathname.slice(1)));
        if (!inPack && !(url.pathname.slice(1) === '' && url.hash)) broken.push(`${file} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sorts by a column from the keyboard: Tab to its header button, Enter, and aria-sort says which way', async () => {
    await page.goto(base);
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    const header = page.locator('#register thead th').first();
    for (let presses = 0; presses < 20; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate<string>('document.activeElement.textContent.trim()')) === 'Reference') break;
    }
    expect(await page.evaluate<number | null>("document.activeElement.closest('th')?.cellIndex ?? null")).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    expect(await visibleReferences()).toEqual([
      'OPCC.D.010.23',
      'OPCC.D.021.24',
      'OPCC.D.025.24',
      'OPCC.D.030.24',
      'OPCC.D.031.24',
    ]);
    expect(await page.locator('#register thead th[aria-sort]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect((await visibleReferences())[0]).toBe('OPCC.D.031.24');
  });

  it('filters as you type, by year and by status, and announces how many decisions are shown', async () => {
    await page.goto(base);
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    await page.keyboard.type('fleet');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Showing 2 of 5 decisions');
    expect(await visibleReferences()).toEqual(['OPCC.D.031.24', 'OPCC.D.010.23']);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('combobox', { name: 'Year' }).selectOption('2023');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Showing 1 of 5 decisions');
    await page.getByRole('combobox', { name: 'Year' }).selectOption('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('withdrawn');
    await expect.poll(() => visibleReferences()).toEqual(['OPCC.D.025.24']);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Showing all 5 decisions');
  });

  it('shows a confidential decision by its summary and reason, nothing else of it; an open one in full, accessibly', async () => {
    await page.goto(base);
    const row = page.locator('#register tbody tr', { hasText: 'OPCC.D.030.24' });
    expect(await row.textContent()).toContain(CONFIDENTIAL_SUMMARY);
    await row.getByRole('link', { name: 'OPCC.D.030.24' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Confidential decision OPCC.D.030.24');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain(CONFIDENTIAL_SUMMARY);
    expect(text).toContain(CONFIDENTIAL_REASON);
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pack-confidential-decision.png'), fullPage: true });
    const everything = packFiles()
      .map((f) => fs.readFileSync(path.join(pack, f)).toString('latin1') + fs.readFileSync(path.join(pack, f), 'utf8'))
      .join('\n');
    for (const word of SECRET_WORDS) expect(everything).not.toContain(word);

    await page.goto(new URL('decisions/OPCC.D.021.24.html', base).href);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('7F Single Procurement Function');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['Signatures', 'Download']),
    );
    expect(await page.getByRole('listitem').filter({ hasText: 'Essex' }).count()).toBe(1);
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pack-decision.png'), fullPage: true });
    await page.goto(new URL('decisions/OPCC.D.010.23.html', base).href);
    expect(await page.locator('.notice').textContent()).toContain('superseded by OPCC.D.031.24');
    expect(problems).toEqual([]);
  });
});
