// The editor end to end in Chromium (browser mode on a temp data folder): fill every section as a person would,
// paste from Word, reload and find it all saved; search and filter; restore a revision; a conflict from a second
// tab; Word and PDF exports parsed back; settings; a draft deleted to the bin and restored; an accessibility scan and
// screenshots of every view.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method, type MethodInput, type MethodResult } from '../../electron/contract.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';
import { seriousAccessibilityViolations as axeScan } from './support/axe.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];
const TITLE = 'Regional fleet management collaboration';

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let recordId: string;
/** Console errors, failed requests and CSP violations: the window should cause none. */
const pageProblems: string[] = [];

/** The service itself, as the bridge calls it: to check what was saved, and to add records quickly. */
async function service<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const handler = served.desk.service[method] as (input: unknown) => Promise<MethodResult<M>> | MethodResult<M>;
  return handler(contract[method].input.parse(input));
}

function watch(target: Page) {
  target.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  target.on('pageerror', (error) => pageProblems.push(error.message));
  target.on('response', (response) => {
    if (response.status() >= 400) pageProblems.push(`${response.status()} for ${new URL(response.url()).pathname}`);
  });
}

async function screenshot(name: string, target: Page = page): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await target.setViewportSize(viewport);
    await target.waitForTimeout(150);
    await target.screenshot({
      path: path.join(SCREENSHOTS, `editor-${name}-${viewport.width}x${viewport.height}.png`),
    });
  }
  await target.setViewportSize(VIEWPORTS[0]!);
}

/** WCAG 2.2 A/AA checks; serious and critical findings fail the test, with their rule and elements listed. */
const seriousAccessibilityViolations = (target: Page = page) =>
  // axe cannot run inside the preview's frame, which allows no script at all; the form's HTML is scanned on its own.
  axeScan(target, { exclude: 'iframe.preview-frame', bestPractice: true });

/** Waits until the status line says Saved: every edit made so far has reached the database. */
async function saved(target: Page = page): Promise<void> {
  await target.locator('.save-status .save-saved').waitFor();
}

const editor = (field: string, target: Page = page) => target.locator(`#field-${field}`);
const options = (target: Page = page) =>
  target.getByRole('listbox', { name: 'Records of decision' }).getByRole('option');

/** Pastes as Word does: a paste event carrying Word's HTML and its plain text. */
async function pasteHtml(selector: string, html: string, text: string): Promise<void> {
  await page.evaluate(
    `(() => {
      const data = new DataTransfer();
      data.setData('text/html', ${JSON.stringify(html)});
      data.setData('text/plain', ${JSON.stringify(text)});
      document.querySelector(${JSON.stringify(selector)}).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`,
  );
}

const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal>The review compared the seven forces&#8217; fleets and found <b>three options</b>:<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>keep separate fleets;<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>share <i>workshops</i> only;<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>a single regional service.<o:p></o:p></p>
<p class=MsoNormal><script>window.pasted = true</script><span style='color:red'>The third saves the most.</span></p>
<!--EndFragment--></body></html>`;

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-editor-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: VIEWPORTS[0],
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  // Fail a step within seconds rather than at the test's timeout, so a failure says which step.
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  watch(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the editor', () => {
  it('creates a record from the keyboard (Ctrl+N) and opens it at its title', async () => {
    await page.goto(served.bridge.url);
    await page.getByText('No records yet. Choose New record to start one.').waitFor();
    await screenshot('register-empty');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('field-title');
    recordId = (await service('records.list', {})).items[0]!.id;
  });

  it('fills every section as a person would, pasting from Word, and saves as it goes', async () => {
    await page.keyboard.type(TITLE);
    await page.getByLabel(/^ORIGINATOR/).fill('Head of Strategic Procurement');
    await page.getByLabel('CONFIDENTIAL', { exact: true }).check();
    const reason = page.getByLabel(/^Reason if Confidential/);
    await reason.click();
    await page.keyboard.type('Commercially sensitive until the contract is awarded.');

    await editor('executiveSummary').click();
    await page.keyboard.type('Seven forces run their fleets separately. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Costs have risen');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' by a fifth in three years.');
    await page.keyboard.press('Enter');
    await pasteHtml('#field-executiveSummary', WORD_PASTE, 'The review compared…');

    await editor('recommendation').click();
    await page.keyboard.type('The PCC is recommended to:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1. agree the business case;');
    await page.keyboard.press('Enter');
    await page.keyboard.type('delegate the award to the Chief Finance Officer.');

    await editor('decision').click();
    await page.keyboard.press('Control+i');
    await page.keyboard.type('Approved');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' as recommended.');

    await page.getByLabel('Comments').first().fill('The costs are within the approved capital programme.');
    await page.getByRole('button', { name: 'Add a document' }).click();
    await page.keyboard.type('Regional fleet review, final report');
    await page.getByRole('button', { name: 'Add a document' }).click();
    await page.keyboard.type('Business case');

    await page
      .getByLabel(/^Police and Crime Plan/)
      .fill('Supports delivery of the Safer in Kent Plan by freeing money for neighbourhood policing.');
    await page
      .getByRole('group', { name: /Equality Impact Assessment/ })
      .getByLabel('No')
      .check();
    await page
      .getByRole('group', { name: /diversity strand/ })
      .getByLabel('Yes')
      .check();
    await page
      .getByLabel('Explanation')
      .fill('Some staff may need to travel further to a shared workshop; this is addressed in the business case.');
    await page.getByLabel('Explanation').blur();
    await saved();
    expect(await page.evaluate('window.pasted === undefined')).toBe(true);
    expect(await page.locator('#executiveSummary-words').textContent()).toMatch(/^\d+ words$/);

    await page.locator('.form-pane').evaluate((pane: { scrollTop: number }) => {
      pane.scrollTop = 0;
    });
    await screenshot('record');
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await page
      .locator('.form-section')
      .filter({ has: page.getByLabel(/^TITLE/) })
      .evaluate((section: { scrollIntoView(): void }) => {
        section.scrollIntoView();
      });
    await screenshot('record-summary');
  });

  it('finds everything saved after reloading the page', async () => {
    await page.reload();
    await options().first().waitFor();
    await page.getByRole('option', { name: new RegExp(TITLE) }).click();
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor();

    expect(await page.getByLabel(/^TITLE/).inputValue()).toBe(TITLE);
    expect(await page.getByLabel(/^ORIGINATOR/).inputValue()).toBe('Head of Strategic Procurement');
    expect(await page.getByLabel('CONFIDENTIAL', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Background document 2', { exact: true }).inputValue()).toBe('Business case');
    expect(await editor('executiveSummary').locator('strong').first().textContent()).toBe('Costs have risen');
    expect(await editor('executiveSummary').locator('ul > li').allTextContents()).toEqual([
      'keep separate fleets;',
      'share workshops only;',
      'a single regional service.',
    ]);
    expect(await editor('recommendation').locator('ol > li').count()).toBe(2);

    const record = await service('records.get', { id: recordId });
    expect(record).toMatchObject({
      title: TITLE,
      classification: 'confidential',
      confidentialReason: 'Commercially sensitive until the contract is awarded.',
      decision: '*Approved* as recommended.',
      backgroundDocuments: [{ title: 'Regional fleet review, final report' }, { title: 'Business case' }],
      impact: { equalityImpactAssessment: false, diversityImpact: true },
    });
    expect(record.executiveSummary).toBe(
      'Seven forces run their fleets separately. **Costs have risen** by a fifth in three years.\n\n' +
        'The review compared the seven forces\u2019 fleets and found **three options**:\n\n' +
        '- keep separate fleets;\n- share *workshops* only;\n- a single regional service.\n\nThe third saves the most.',
    );
    expect(record.recommendation).toBe(
      'The PCC is recommended to:\n\n1. agree the business case;\n1. delegate the award to the Chief Finance Officer.',
    );
    expect(record.signOffs[0]?.comments).toBe('The costs are within the approved capital programme.');
  });

  it('refuses a paste (Ctrl+V) longer than the plan objectives hold, saying so, where Chromium would cut it silently', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(served.bridge.url).origin,
    });
    const field = page.getByLabel(/^Police and Crime Plan/);
    const before = await field.inputValue();
    const copy = (text: string) => page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await field.click();
    await page.keyboard.press('Control+End');
    await copy('x'.repeat(25_000));
    await page.keyboard.press('Control+v');
    await page.getByText(/^Not pasted: the text is 25,000 characters and this field holds at most 20,000/).waitFor();
    expect(await field.inputValue()).toBe(before);
    // A paste that fits goes in as usual, and typing on clears the message.
    await copy(' Agreed.');
    await page.keyboard.press('Control+v');
    await page.getByText(/^Not pasted:/).waitFor({ state: 'detached' });
    expect(await field.inputValue()).toBe(`${before} Agreed.`);
    await field.fill(before);
    await field.blur();
    await saved();
    expect((await service('records.get', { id: recordId })).impact.planObjectives).toBe(before);
  });

  it('searches as the person types (Ctrl+F), highlights the words, and filters the register', async () => {
    for (const [title, classification] of [
      ['Fleet telematics pilot', 'open'],
      ['Victim services grants 2026/27', 'open'],
      ['Estates disposal: former police house', 'confidential'],
    ] as const) {
      await service('records.create', {
        content: { title, classification, confidentialReason: classification === 'confidential' ? 'Sale price.' : '' },
      });
    }
    // From the register, Ctrl+F goes to its search (inside a record it finds within the record).
    await page.getByRole('button', { name: 'Records', exact: true }).first().click();
    await page.keyboard.press('Control+f');
    const search = page.getByLabel('Search records');
    await search.waitFor();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('register-search');
    await page.keyboard.type('flee');
    await page.getByText('2 records match \u201cflee\u201d').waitFor();
    expect(await options().locator('mark').allTextContents()).toEqual(['Flee', 'flee']);
    await screenshot('register-search');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await page.getByLabel('Classification').selectOption('confidential');
    await page.getByText('1 record matches \u201cflee\u201d').waitFor();
    await search.fill('');
    await page.getByText('2 records match the filters').waitFor();
    await page.getByLabel('Year').selectOption(String(new Date().getFullYear() - 1));
    await page.getByText('No records match. Try other words, or clear the filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('4 records', { exact: true }).waitFor();

    await page.getByLabel('Order').selectOption('updated-asc');
    await options().first().filter({ hasText: TITLE }).waitFor();
    // From the search box, Down goes into the list, and Enter opens the line.
    await search.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Fleet telematics pilot' }).waitFor();
  });

  it('lists the history, shows an earlier revision and restores it', async () => {
    await page.getByRole('button', { name: 'Records', exact: true }).first().click();
    await page.getByRole('option', { name: new RegExp(TITLE) }).click();
    await page.getByLabel(/^TITLE/).fill(`${TITLE} (first draft)`);
    await page.keyboard.press('Control+s');
    await saved();
    await page.getByLabel(/^TITLE/).fill(`${TITLE} (second draft)`);
    await page.keyboard.press('Control+s');
    await saved();

    await page.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'History of this record' });
    await dialog.getByRole('button', { name: /first draft/ }).click();
    await dialog.getByRole('heading', { name: /^Revision \d+/ }).waitFor();
    // The revision as it printed then, not the record as it is now.
    await dialog.frameLocator('iframe.history-frame').getByText(`${TITLE} (first draft)`).first().waitFor();
    await screenshot('history');
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.getByText(/was restored as revision/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    expect(await page.getByLabel(/^TITLE/).inputValue()).toBe(`${TITLE} (first draft)`);
    expect((await service('records.get', { id: recordId })).title).toBe(`${TITLE} (first draft)`);
    const kinds = (await service('records.history', { id: recordId })).map((r) => r.kind);
    expect(kinds.slice(0, 3)).toEqual(['restored', 'saved', 'saved']);
  });

  it('shows both versions when a second tab saved first, and keeps the one chosen', async () => {
    const second = await context.newPage();
    watch(second);
    // A tab of its own opens the printed address (its token is the tab's, not a cookie the browser shares).
    await second.goto(served.bridge.url);
    await second.getByRole('option', { name: new RegExp(TITLE) }).click();
    await second.getByLabel(/^TITLE/).fill('Changed in the second tab');
    await second.getByLabel(/^TITLE/).blur();
    await saved(second);

    await page.bringToFront();
    await page.getByLabel(/^TITLE/).fill('Changed in the first tab');
    await page.getByLabel(/^TITLE/).blur();
    const dialog = page.getByRole('dialog', { name: 'This record was changed elsewhere' });
    await dialog.waitFor();
    expect(await dialog.getByRole('region', { name: 'Your version' }).textContent()).toContain(
      'Changed in the first tab',
    );
    expect(await dialog.getByRole('region', { name: 'The other version' }).textContent()).toContain(
      'Changed in the second tab',
    );
    expect((await service('records.get', { id: recordId })).title).toBe('Changed in the second tab');
    await screenshot('conflict');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await dialog.getByRole('button', { name: 'Keep my version' }).click();
    await saved();
    expect((await service('records.get', { id: recordId })).title).toBe('Changed in the first tab');
    // Nothing was discarded: the other tab's version is still in the history.
    const history = await service('records.history', { id: recordId });
    expect(history.map((r) => r.title)).toContain('Changed in the second tab');
    await second.close();
  });

  it('exports Word and PDF as downloads that carry the record', async () => {
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Word' }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const documentXml = new TextDecoder().decode(unzipSync(fs.readFileSync((await docx.path())!))['word/document.xml']);
    expect(documentXml).toContain('Changed in the first tab');

    // Ctrl+P prints the form now (test/e2e/window.test.ts); the PDF comes from the Export PDF menu.
    await page.getByRole('button', { name: /^Export PDF/ }).click();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^PDF for the archive/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfFile = path.join(tmp, 'export.pdf');
    await pdf.saveAs(pdfFile);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain('Changed in the first tab');
    await page.getByText(/^Exported .*\.pdf\.$/).waitFor();
  });

  it('shows the printed form beside the form, full width, or not at all', async () => {
    await page.getByRole('button', { name: 'Full width' }).click();
    expect(await page.locator('.form-pane').count()).toBe(0);
    // The pages as the engine prints them (preview.test.ts checks them against the PDF); the saved title is on them.
    const firstPage = page.locator('.preview-pages').getByRole('img', { name: /^Page 1 of \d+$/ });
    await firstPage.waitFor();
    const { base64 } = await service('export.previewPdf', { id: recordId });
    const printed = path.join(tmp, 'preview.pdf');
    fs.writeFileSync(printed, Buffer.from(base64, 'base64'));
    expect(execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' })).toContain('Changed in the first tab');
    await screenshot('preview-full');
    await page.getByRole('button', { name: 'Hidden' }).click();
    expect(await page.locator('.preview-pages').count()).toBe(0);
    await page.getByRole('button', { name: 'Beside the form' }).click();
    await editor('executiveSummary').waitFor();

    // axe cannot enter the script-less frame, so the same HTML is checked in a page of its own.
    const form = await context.newPage();
    await form.setContent((await service('export.preview', { id: recordId })).html);
    expect(await seriousAccessibilityViolations(form)).toEqual([]);
    await form.close();
  });

  it('edits and checks the settings, which new records then use', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Your name').fill('Sam Patel');
    await page.getByLabel('Originator of new records').fill('Chief Executive');
    await page.getByLabel('Signatory 1: name').fill('Priya Shah');
    const pattern = page.getByLabel('Reference pattern');
    await pattern.fill('OPCC.D.{nnn}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByText(
        'Numbers that restart each year need the year in the pattern ({yy} or {yyyy}), or two records would share a reference.',
      )
      .first()
      .waitFor();
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    await screenshot('settings-error');
    await pattern.fill('OPCC.D.{nnn}.{yy}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await seriousAccessibilityViolations()).toEqual([]);
    await page.locator('.settings-view').evaluate((view: { scrollTop: number }) => {
      view.scrollTop = 0;
    });
    await screenshot('settings');

    const settings = await service('settings.get', {});
    expect(settings).toMatchObject({ userName: 'Sam Patel', defaultOriginator: 'Chief Executive' });
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
    expect(await page.getByLabel(/^ORIGINATOR/).inputValue()).toBe('Chief Executive');
    expect(await page.locator('#signoff-chief-finance-officer-name').inputValue()).toBe('Priya Shah');
  });

  it('deletes an untitled draft to the bin after asking, and restores it from the bin', async () => {
    // The draft Ctrl+N just made (the step before), never given a reference.
    const draft = (await service('records.list', {})).items.find((line) => line.title === '')!;
    await page.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this draft?' });
    await dialog.waitFor();
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Delete draft');
    await screenshot('delete-confirm');
    expect(await seriousAccessibilityViolations()).toEqual([]);
    // From the keyboard: Escape keeps it, Enter on the focused answer deletes it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Delete draft' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter');

    await page.getByText('Draft moved to the bin').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Records of decision' }).waitFor();
    await page.getByText('4 records', { exact: true }).waitFor();
    expect(await options().filter({ hasText: 'Untitled record' }).count()).toBe(0);
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Undo');
    expect((await service('records.list', { bin: true })).items.map((line) => line.id)).toEqual([draft.id]);

    await page.getByRole('button', { name: 'Bin', exact: true }).click();
    const bin = page.getByRole('list', { name: 'Deleted drafts' });
    const line = bin.getByRole('listitem').filter({ hasText: 'Untitled record' });
    await line.waitFor();
    expect(await line.textContent()).toMatch(/Deleted \d{1,2} \w{3} \d{4}, \d\d:\d\d/);
    await screenshot('bin');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await line.getByRole('button', { name: 'Restore Untitled record' }).click();
    await page.getByText('\u201cUntitled record\u201d is back in the register.').waitFor();
    await page.getByText('The bin is empty. Drafts you delete wait here until you restore them.').waitFor();
    await page.getByRole('button', { name: 'The register' }).click();
    await options().filter({ hasText: 'Untitled record' }).waitFor();
    expect((await service('records.list', { bin: true })).total).toBe(0);
    expect((await service('records.audit', { id: draft.id })).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['binned', 'restored-from-bin']),
    );
  });

  it('works by touch on a 1280×800 tablet: tap a record, tap a choice, type', async () => {
    const tablet = await browser.newContext({ viewport: VIEWPORTS[1], hasTouch: true, locale: 'en-GB' });
    const touch = await tablet.newPage();
    watch(touch);
    await touch.goto(served.bridge.url);
    await touch.getByRole('option', { name: /Fleet telematics pilot/ }).tap();
    await touch.getByRole('heading', { level: 2, name: 'Fleet telematics pilot' }).waitFor();
    await touch.getByLabel('CONFIDENTIAL', { exact: true }).tap();
    await touch.getByLabel(/^Reason if Confidential/).tap();
    await touch.keyboard.type('Tapped and typed on a tablet.');
    await touch.getByLabel(/^TITLE/).tap();
    await saved(touch);
    const [line] = (await service('records.search', { text: 'telematics' })).items;
    expect((await service('records.get', { id: line!.id })).confidentialReason).toBe('Tapped and typed on a tablet.');
    await tablet.close();
  });

  it('caused no console errors, failed requests or Content-Security-Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
