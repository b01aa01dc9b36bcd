// The office template edited in Settings, end to end in Chromium (browser mode on a temp data folder): a second
// numbering series restarting each financial year, with its example reference; a yes/no section that a new draft
// then has; the shipped London template imported through Import template file… from a file on disk; the template
// exported and the downloaded file read back; an accessibility scan and a screenshot of the whole page.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method, type MethodInput, type MethodResult } from '../../electron/contract.ts';
import { exampleReference } from '../../electron/core/domain/reference.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations as axeScan } from './support/axe.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const FIRE_PATTERN = 'FRS {nnn}/{yyyy}-{yy+1}';

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors, failed requests and CSP violations: the window should cause none. */
const pageProblems: string[] = [];

async function service<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const handler = served.desk.service[method] as (input: unknown) => Promise<MethodResult<M>> | MethodResult<M>;
  return handler(contract[method].input.parse(input));
}

const seriousAccessibilityViolations = () => axeScan(page, { exclude: null, bestPractice: true });

/** The whole Settings page: the view scrolls inside the window, so it is shown at its full height. */
async function screenshotWholePage(name: string): Promise<void> {
  const height = await page.locator('.settings-view').evaluate((view: { scrollHeight: number }) => view.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.min(height + 200, 16_000) });
  await page.locator('.settings-view').evaluate((view: { scrollTop: number }) => {
    view.scrollTop = 0;
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, `settings-${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-settings-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
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

describe('the template in Settings', () => {
  it('adds a series restarting each financial year and a yes/no section, which a new draft then has', async () => {
    await page.goto(served.bridge.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add a series' }).click();
    await page.getByLabel('Series 2: name').fill('Fire and Rescue');
    await page.getByText('Its id will be fire-and-rescue, made from the name; it stays once saved.').waitFor();
    const pattern = page.getByLabel('Series 2: reference pattern');
    await page
      .getByLabel('Series 2: the number starts again at 1')
      .selectOption({ label: 'Each financial year (1 April)' });
    // A pattern without the year is refused at its field and in the save summary, whose link goes to the field.
    await pattern.fill('FRS {nnn}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const summary = page.getByRole('group', { name: 'Not saved: one field needs correcting' });
    const problem =
      'Numbers that restart each financial year need the year in the pattern ({yy} or {yyyy}), or two records would share a reference.';
    await summary.getByRole('link', { name: `Series 2: reference pattern: ${problem}` }).click();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe(
      'setting-template-numbering-series-1-pattern',
    );
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#setting-template-numbering-series-1-pattern-error').textContent()).toBe(problem);
    await pattern.fill(FIRE_PATTERN);
    expect(await pattern.getAttribute('aria-invalid')).toBeNull();

    // Reordered from the keyboard: the focus follows the series to its new place, and back.
    // A function, not a string: a string is evaluated again on each poll, which the page's CSP (no eval) refuses.
    const focused = (label: string) =>
      page.waitForFunction(
        (wanted) =>
          (
            globalThis as unknown as {
              document: { activeElement: { getAttribute(name: string): string | null } | null };
            }
          ).document.activeElement?.getAttribute('aria-label') === wanted,
        label,
      );
    await page.getByRole('button', { name: 'Move up series 2' }).focus();
    await page.keyboard.press('Enter');
    await focused('Move down series 1');
    expect(await page.getByLabel('Series 1: name').inputValue()).toBe('Fire and Rescue');
    await page.keyboard.press('Enter');
    await focused('Move up series 2');
    expect(await page.getByLabel('Series 2: name').inputValue()).toBe('Fire and Rescue');
    const example = exampleReference({ pattern: FIRE_PATTERN, reset: 'financial-year' }, new Date())!;
    expect(example).toMatch(/^FRS 021\/\d{4}-\d{2}$/);
    await page.getByText(`The 21st decision this financial year would be ${example}.`).waitFor();

    await page.getByRole('button', { name: 'Add a section' }).click();
    await page.getByLabel('Section 1: heading or question').fill('Has the Monitoring Officer been consulted?');
    await page.getByLabel('Section 1: kind').selectOption({ label: 'A yes/no question, with an explanation' });
    await page.getByLabel('Section 1: an explanation is needed').selectOption({ label: 'When the answer is No' });
    await page.getByLabel('Section 1: must be answered before submission').check();

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    // The change is a new version of the template, listed beside the first.
    await page.getByRole('table', { name: 'Versions held on this computer' }).getByRole('row').nth(2).waitFor();
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await screenshotWholePage('edited');

    const settings = await service('settings.get', {});
    expect(settings.template.numbering.series[1]).toEqual({
      id: 'fire-and-rescue',
      label: 'Fire and Rescue',
      pattern: FIRE_PATTERN,
      reset: 'financial-year',
    });
    const draft = await service('records.create', {});
    const form = await service('templates.get', { record: draft.id });
    expect(form.sections).toEqual([
      expect.objectContaining({
        id: 'has-the-monitoring-officer-been',
        kind: 'yes-no',
        explainWhen: 'no',
        required: true,
      }),
    ]);
    expect(form.numbering.series.map((s) => s.id)).toEqual([
      settings.template.numbering.series[0]!.id,
      'fire-and-rescue',
    ]);
  });

  it('imports the shipped London template from a file through Import template file…', async () => {
    const file = path.join(tmp, 'london.json');
    fs.copyFileSync(path.join(ROOT, 'resources', 'templates', 'london.json'), file);
    const versionsBefore = (await service('templates.versions', {})).length;
    await page.getByLabel('Import template file…').setInputFiles(file);
    await page
      .getByText(
        /^New records now use Mayor's Office for Policing and Crime \(london\), version \d+: 1 numbering series/,
      )
      .waitFor();
    expect((await service('settings.get', {})).template.id).toBe('london');
    // The form shows the imported template, and the table the new version beside the old.
    expect(await page.getByLabel('Series 1: reference pattern').inputValue()).toBe('PCD {nnnn}');
    await page
      .getByRole('cell', { name: /^london/ })
      .first()
      .waitFor();
    expect(await page.getByRole('table', { name: 'Versions held on this computer' }).getByRole('row').count()).toBe(
      versionsBefore + 2,
    );
  });

  it('refuses a file that is not a template, saying why', async () => {
    const file = path.join(tmp, 'notes.json');
    fs.writeFileSync(file, JSON.stringify({ area: 'Kent' }));
    await page.getByLabel('Import template file…').setInputFiles(file);
    await page.getByText('The template was not imported. The file has these problems:').waitFor();
    expect((await service('settings.get', {})).template.id).toBe('london');
  });

  it('exports the template, and the downloaded file reads back as it', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export template file…' }).click(),
    ]);
    const { template } = await service('settings.get', {});
    expect(download.suggestedFilename()).toBe(`london-template-v${template.version}.json`);
    const saved = path.join(tmp, 'exported.json');
    await download.saveAs(saved);
    const file = JSON.parse(fs.readFileSync(saved, 'utf8')) as {
      format: string;
      hash: string;
      template: { id: string; numbering: unknown };
    };
    expect(file.format).toBe('decision-desk/template@1');
    expect(file.template.id).toBe('london');
    expect(file.template.numbering).toEqual(template.numbering);
    expect(file.template).not.toHaveProperty('sealFingerprint');
    await screenshotWholePage('london');
    expect(pageProblems).toEqual([]);
  });
});
