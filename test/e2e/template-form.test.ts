// The form follows the office's template, end to end in Chromium (browser mode on a temp data folder): with the
// shipped Essex template a draft picks the fire series, fills an extra rich-text section and a yes/no with its
// explanation, takes a reserved category, autosaves, and is all there after a reload, still under its own template
// once the office moves to another; with London's, the Deputy Mayor is refused a reserved decision beside the field
// and at submission. Screenshots of both forms.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method, type MethodInput, type MethodResult } from '../../electron/contract.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations as axeScan } from './support/axe.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };
const TITLE = 'Fire station estate review';
const REFUSAL =
  /^A Budget and precept decision is reserved to the Mayor of London personally: Deputy Mayor for Policing and Crime cannot take it\./;

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let page: Page;
let essexRecordId: string;
const pageProblems: string[] = [];

async function service<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const handler = served.desk.service[method] as (input: unknown) => Promise<MethodResult<M>> | MethodResult<M>;
  return handler(contract[method].input.parse(input));
}

/** Waits until the status line says Saved: every edit made so far has reached the database. */
async function saved(): Promise<void> {
  await page.locator('.save-status .save-saved').waitFor();
}

/** The form scrolled so that `selector` is at its top, then a screenshot of the window. */
async function screenshot(name: string, selector: string): Promise<void> {
  await page
    .locator(selector)
    .evaluate((element: { scrollIntoView(options: unknown): void }) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SCREENSHOTS, `template-form-${name}.png`) });
}

const seriousAccessibilityViolations = () => axeScan(page, { exclude: 'iframe.preview-frame', bestPractice: true });

async function newRecord(): Promise<string> {
  await page.keyboard.press('Control+n');
  await page
    .getByRole('heading', { level: 2, name: 'Untitled record' })
    .waitFor()
    .catch((error: unknown) => {
      // A form that failed to draw says why in the page's errors, not in the timeout.
      throw new Error(`${String(error)} Page errors: ${pageProblems.join('; ') || 'none'}`);
    });
  return (await service('records.list', {})).items.find((r) => r.title === '')!.id;
}

async function openRecord(title: string): Promise<void> {
  await page.getByRole('option', { name: new RegExp(title) }).click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-template-form-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  await service('templates.import', { shipped: 'essex-pfcc' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'Europe/London' });
  context.setDefaultTimeout(15_000);
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

describe('the form under the Essex template', () => {
  it('shows the extra sections and choices, and saves what is typed and chosen in them', async () => {
    await page.goto(served.bridge.url);
    await page.getByText('No records yet. Choose New record to start one.').waitFor();
    essexRecordId = await newRecord();
    await page.keyboard.type(TITLE);

    const series = page.getByRole('group', { name: 'Numbering series' });
    expect(await series.getByRole('radio').count()).toBe(2);
    await series.getByLabel(/^Fire and rescue \(e\.g\. PFCC\/FRS\/021\/\d\d\)$/).check();
    await page.getByLabel(/^Decision category/).selectOption({ label: 'Precept (reserved)' });
    // One decision maker, the Commissioner: nothing to choose, nothing refused.
    expect(await page.getByRole('group', { name: 'Decision maker' }).count()).toBe(0);
    expect(await page.getByText(/is reserved to/).count()).toBe(0);

    // OPTIONS CONSIDERED comes after the recommendation, with its help; the section's own editor, as the summary's.
    const headings = await page.locator('.record-form h3.section-label').allTextContents();
    expect(headings.indexOf('OPTIONS CONSIDERED (required)')).toBe(headings.indexOf('RECOMMENDATION') + 1);
    await page.locator('#field-sections-options').click();
    await page.keyboard.type('Three options: ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('close two stations');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(', merge crews, or do nothing.');
    expect(await page.getByRole('toolbar', { name: 'Formatting for OPTIONS CONSIDERED' }).count()).toBe(1);

    const consultation = page.getByRole('group', { name: /Has there been consultation/ });
    await consultation.getByLabel('Yes').check();
    const explanation = page.locator('#field-sections-consultation-explanation');
    await page.getByText('Explain your answer to \u201cHas there been consultation on this decision?\u201d.').waitFor();
    expect(await explanation.getAttribute('aria-invalid')).toBe('true');
    await explanation.fill('With the Fire Brigades Union and the two parish councils.');
    expect(await explanation.getAttribute('aria-invalid')).toBeNull();
    // The internal question says it stays off the public copy.
    await page
      .getByRole('group', { name: /conflict of interest/ })
      .getByText(/Internal: left out of the public copy/)
      .waitFor();
    await explanation.blur();
    await saved();

    const record = await service('records.get', { id: essexRecordId });
    expect(record).toMatchObject({ title: TITLE, series: 'fire', category: 'precept' });
    expect(record.sections).toEqual(
      expect.arrayContaining([
        {
          id: 'options',
          kind: 'rich-text',
          text: 'Three options: **close two stations**, merge crews, or do nothing.',
        },
        {
          id: 'consultation',
          kind: 'yes-no',
          answer: true,
          explanation: 'With the Fire Brigades Union and the two parish councils.',
        },
      ]),
    );

    await screenshot('essex-choices', '.record-choices');
    await screenshot('essex-sections', '#sections-options-heading');
    await screenshot('essex-questions', '#sections-consultation-heading');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('finds it all again after a reload', async () => {
    await page.reload();
    await openRecord(TITLE);
    expect(
      await page
        .getByRole('group', { name: 'Numbering series' })
        .getByLabel(/^Fire and rescue/)
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel(/^Decision category/).inputValue()).toBe('precept');
    expect(await page.locator('#field-sections-options strong').textContent()).toBe('close two stations');
    expect(
      await page
        .getByRole('group', { name: /Has there been consultation/ })
        .getByLabel('Yes')
        .isChecked(),
    ).toBe(true);
    expect(await page.locator('#field-sections-consultation-explanation').inputValue()).toBe(
      'With the Fire Brigades Union and the two parish councils.',
    );
  });
});

describe('the form under the London template', () => {
  it('refuses a reserved decision to the Deputy Mayor beside the field, and at submission', async () => {
    await service('templates.import', { shipped: 'london' });
    await page.reload();
    // The Essex record still edits under the Essex form it was made with.
    await openRecord(TITLE);
    await page.locator('#field-sections-options').waitFor();
    expect(await page.getByRole('group', { name: 'Numbering series' }).count()).toBe(1);

    await newRecord();
    await page.keyboard.type('Budget and precept 2026/27');
    expect(await page.getByRole('group', { name: 'Numbering series' }).count()).toBe(0);
    await page.getByLabel(/^Decision category/).selectOption({ label: 'Budget and precept (reserved)' });
    const makers = page.getByRole('group', { name: 'Decision maker' });
    await makers.getByLabel(/^Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation$/).check();
    const refusal = page.locator('#field-decisionMaker-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(REFUSAL);
    await saved();
    const id = (await service('records.list', {})).items.find((r) => r.title === 'Budget and precept 2026/27')!.id;
    const record = await service('records.get', { id });
    expect(record).toMatchObject({ category: 'precept', decisionMaker: 'deputy-mayor' });
    expect(record.signOffs.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-executive',
      'chief-of-staff',
      'deputy-mayor',
    ]);
    // The deciding sign-off on the form is the Deputy Mayor's.
    await page.getByRole('group', { name: /^Deputy Mayor/ }).waitFor();

    await page.getByRole('button', { name: 'Submit for signatures' }).click();
    await page.locator('.submit-missing').getByRole('button', { name: REFUSAL }).waitFor();
    await page.locator('.submit-missing').getByRole('button', { name: REFUSAL }).click();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('field-decisionMaker');

    // People and a date, London's own.
    // The focus moves to the new name once it is drawn: waited for, not assumed.
    const focusOn = (id: string) => page.locator(`#${id}:focus`).waitFor();
    await page.getByRole('button', { name: 'Add a name' }).press('Enter');
    await focusOn('field-sections-considered-by');
    await page.keyboard.type('Investment and Finance Board');
    await page.getByRole('button', { name: 'Add a name' }).press('Enter');
    await focusOn('field-sections-considered-by-1');
    await page.keyboard.type('Jane Smith');
    await page.getByRole('textbox', { name: 'DATE CONSIDERED' }).fill('2026-02-27');
    await page.getByRole('textbox', { name: 'DATE CONSIDERED' }).blur();
    await saved();
    expect((await service('records.get', { id })).sections).toEqual(
      expect.arrayContaining([
        { id: 'considered-by', kind: 'people', people: ['Investment and Finance Board', 'Jane Smith'] },
        { id: 'considered-on', kind: 'date', date: '2026-02-27' },
      ]),
    );

    await screenshot('london-choices', '.record-choices');
    await screenshot('london-sections', '#sections-considered-by-heading');
    await screenshot('london-part-two', '#sections-part-two-heading');
    expect(await seriousAccessibilityViolations()).toEqual([]);
    expect(pageProblems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
  });

  it('signs under the record’s template: only its sign-offs, who is still needed, and the Deputy refused before the officers', async () => {
    // Taken out of the reserved category, the refusal goes.
    await page.getByLabel(/^Decision category/).selectOption({ label: 'General' });
    await page.locator('#field-decisionMaker-error').waitFor({ state: 'detached' });
    await saved();
    const id = (await service('records.list', {})).items.find((r) => r.title === 'Budget and precept 2026/27')!.id;
    const draft = await service('records.get', { id });
    const complete = await service('records.save', {
      id,
      baseRevision: draft.revision,
      mode: 'explicit',
      patch: {
        originator: 'Chief Executive',
        executiveSummary: 'Grants to the violence reduction unit.',
        recommendation: 'The Deputy Mayor is recommended to approve the grants.',
        decision: 'Approved.',
        impact: {
          planObjectives: 'Safer streets.',
          equalityImpactAssessment: false,
          diversityImpact: false,
          diversityExplanation: '',
        },
        sections: [
          ...(draft.sections ?? []),
          { id: 'financial-comments', kind: 'rich-text', text: 'Within the approved budget.' },
          { id: 'legal-comments', kind: 'rich-text', text: 'Within the Deputy Mayor’s delegation.' },
        ],
      },
    });
    await service('records.submit', { id, baseRevision: complete.revision });

    await page.reload();
    await openRecord('Budget and precept 2026/27');
    await page.getByRole('button', { name: 'Open signing mode' }).click();
    const steps = page.getByRole('list', { name: 'Signatories, in signing order' });
    await steps.waitFor();
    expect(await steps.locator('.signing-step-title').allTextContents()).toEqual([
      'Chief Finance Officer',
      'Chief Executive',
      'Chief of Staff',
      'Deputy Mayor for Policing and Crime',
    ]);
    await page
      .getByText(
        'Still needed: Chief Finance Officer; Chief Executive or Chief of Staff; Deputy Mayor for Policing and Crime.',
      )
      .waitFor();
    await steps.getByRole('button', { name: /^Deputy Mayor for Policing and Crime/ }).click();
    await page
      .getByText(
        /^Deputy Mayor for Policing and Crime signs last: waiting for Chief Finance Officer and Chief Executive or Chief of Staff\.$/,
      )
      .waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'template-form-london-signing.png') });
  });
});
