// The rich-text editor end to end in Chromium, as an assistant uses it: typing with Word's shortcuts and input rules,
// lists nested to the format's depth and no further, tables (Tab, Enter, the toolbar), drag to move, undo across an
// autosave and a restored version, IME composition through the DevTools protocol, paste from Word, Excel, Google
// Docs and Outlook, hostile pastes, and a reload that finds it all saved.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method, type MethodInput, type MethodResult } from '../../electron/contract.ts';
import { serveDesk, type ServedDesk } from '../../electron/web/run.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { ensureRendererBuilt, ROOT } from './support/renderer.ts';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

let tmp: string;
let served: ServedDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let recordId: string;
const pageProblems: string[] = [];

async function service<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const handler = served.desk.service[method] as (input: unknown) => Promise<MethodResult<M>> | MethodResult<M>;
  return handler(contract[method].input.parse(input));
}

const editor = (field: string) => page.locator(`#field-${field}`);
const toolbar = (name: string) => page.getByRole('toolbar', { name: `Formatting for ${name}` });
const saved = () => page.locator('.save-status .save-saved').waitFor();
const summary = async () => (await service('records.get', { id: recordId })).executiveSummary;

/** Saves now (Ctrl+S) and waits until the status says Saved: the autosave is the test's to start, not a timer's. */
async function saveNow(): Promise<void> {
  await page.keyboard.press('Control+s');
  await saved();
}

/** Empties a section and leaves the cursor in it. */
async function clear(field: string): Promise<void> {
  await editor(field).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
}

/** Pastes as an application does: a paste event carrying its HTML and its plain text. */
async function paste(field: string, html: string, text: string): Promise<void> {
  await page.evaluate(
    `(() => {
      const data = new DataTransfer();
      const html = ${JSON.stringify(html)};
      if (html) data.setData('text/html', html);
      data.setData('text/plain', ${JSON.stringify(text)});
      document.querySelector(${JSON.stringify(`#field-${field}`)}).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`,
  );
}

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head>
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=EN-GB><!--StartFragment--><p class=MsoNormal>The precept rises by <b>£14</b> for a <i>Band D</i> home.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>officers<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp;&nbsp; </span></span><![endif]>neighbourhood teams<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:108.0pt;mso-list:l0 level3 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>§<span>&nbsp;&nbsp; </span></span><![endif]>rural<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>staff<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
<tr><td width=200 valign=top style='width:150pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b>Line</b><o:p></o:p></p></td>
<td width=200 valign=top style='width:150pt;border:solid windowtext 1.0pt'><p class=MsoNormal align=right style='text-align:right'><b>2026/27 (£m)</b><o:p></o:p></p></td></tr>
<tr><td width=200 valign=top><p class=MsoNormal>Police officers<o:p></o:p></p></td><td width=200 valign=top><p class=MsoNormal align=right style='text-align:right'>212.4<o:p></o:p></p></td></tr>
<tr><td width=200 valign=top><p class=MsoNormal><i>Police staff</i><o:p></o:p></p></td><td width=200 valign=top><p class=MsoNormal align=right style='text-align:right'>98.1<o:p></o:p></p></td></tr>
</table><p class=MsoNormal>Figures are before grants.<o:p></o:p></p><!--EndFragment--></body></html>`;

const EXCEL = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40"><head>
<meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15"><style>.xl65 {mso-number-format:"\\#\\,\\#\\#0";}</style></head>
<body link="#0563C1" vlink="#954F72"><table border=0 cellpadding=0 cellspacing=0 width=256 style='border-collapse:collapse;width:192pt'>
<col width=128 span=2 style='width:96pt'><!--StartFragment--><tr height=20 style='height:15.0pt'><td height=20 class=xl66 width=128 style='height:15.0pt;width:96pt;font-weight:700'>District</td>
<td class=xl66 width=128 style='width:96pt;font-weight:700'>Grant</td></tr>
<tr height=20 style='height:15.0pt'><td height=20 style='height:15.0pt'>Ashford</td><td class=xl65 align=right>12,500</td></tr>
<tr height=20 style='height:15.0pt'><td height=20 style='height:15.0pt'>Dover | Deal</td><td class=xl65 align=right>9,000</td></tr><!--EndFragment--></table></body></html>`;

const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7f1e"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial;font-weight:700;">Key point</span><span style="font-size:11pt;font-family:Arial;font-weight:400;"> from the consultation.</span></p>
<ol style="margin-top:0;margin-bottom:0;"><li dir="ltr" style="list-style-type:decimal;font-size:11pt;"><p dir="ltr" role="presentation"><span style="font-weight:400;">first</span></p></li></ol>
<div dir="ltr" style="margin-left:0pt;" align="left"><table style="border:none;border-collapse:collapse;"><colgroup><col width="200" /><col width="200" /></colgroup><tbody>
<tr style="height:0pt"><td style="border-left:solid #000000 1pt;"><p dir="ltr"><span style="font-weight:700;">Response</span></p></td><td><p dir="ltr"><span style="font-weight:700;">Count</span></p></td></tr>
<tr style="height:0pt"><td><p dir="ltr"><span style="font-style:italic;">Support</span></p></td><td><p dir="ltr"><span>61</span></p></td></tr></tbody></table></div></b>`;

const OUTLOOK = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15 (filtered medium)">
<style><!-- div.WordSection1 {page:WordSection1;} --></style></head><body lang=EN-GB link="#0563C1"><div class=WordSection1>
<p class=MsoNormal>Hi all,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>The <b>Chief Constable</b> supports option 2.<o:p></o:p></p>
<ul style='margin-top:0cm' type=disc><li class=MsoListParagraph style='margin-left:0cm;mso-list:l0 level1 lfo1'>costs agreed<o:p></o:p></li></ul>
<p class=MsoNormal><img width=120 height=40 src="cid:image001.png@01DA"><o:p></o:p></p></div></body></html>`;

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-rich-editor-e2e-'));
  served = await serveDesk({ dataDir: path.join(tmp, 'data'), open: false });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(`${error.message} ${error.stack ?? ''}`));
  cdp = await context.newCDPSession(page);
  await page.goto(served.bridge.url);
  await page.getByText('No records yet. Choose New record to start one.').waitFor();
  await page.keyboard.press('Control+n');
  await page.getByRole('heading', { level: 2, name: 'Untitled record' }).waitFor();
  recordId = (await service('records.list', {})).items[0]!.id;
  await page.keyboard.type('Precept 2026/27');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the rich-text editor', () => {
  it('types with Word’s shortcuts and list rules, and the toolbar shows the formatting at the cursor', async () => {
    await editor('executiveSummary').click();
    await page.keyboard.type('Plain then ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('bold');
    const bold = toolbar('EXECUTIVE SUMMARY').getByRole('button', { name: 'Bold' });
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' and ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('italic');
    await page.keyboard.press('Control+i');
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('a second line.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- a bullet');
    expect(
      await toolbar('EXECUTIVE SUMMARY').getByRole('button', { name: 'Bulleted list' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1. a number');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+8');
    await page.keyboard.type('now a bullet');
    await saveNow();
    expect(await summary()).toBe(
      'Plain then **bold** and *italic*\\\na second line.\n\n- a bullet\n\n1. a number\n\n- now a bullet',
    );
    await page.locator('#executiveSummary-words').filter({ hasText: '15 words' }).waitFor();
  });

  it('nests lists with Tab to three levels and no further, and what shows is what is saved', async () => {
    await clear('executiveSummary');
    await page.keyboard.type('- one');
    for (const [i, text] of ['two', 'three', 'four'].entries()) {
      await page.keyboard.press('Enter');
      for (let t = 0; t <= i; t++) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    // Tab in a list stays in the section (the focus does not move on).
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('field-executiveSummary');
    expect(await editor('executiveSummary').locator('ul ul ul ul').count()).toBe(0);
    expect(await editor('executiveSummary').locator('ul ul ul li').allTextContents()).toEqual(['three', 'four']);
    await page.keyboard.press('Shift+Tab');
    await saveNow();
    expect(await summary()).toBe('- one\n  - two\n    - three\n  - four');
  });

  it('builds a table from the toolbar, moves with Tab and Enter, and adds a row from the last cell', async () => {
    await clear('executiveSummary');
    await page.keyboard.type('Costs:');
    await page.keyboard.press('Enter');
    await toolbar('EXECUTIVE SUMMARY').getByRole('button', { name: 'Insert table' }).click();
    for (const cell of ['Item', 'Cost', 'Note', 'Vans', '£10', 'new', 'Cars']) {
      await page.keyboard.type(cell);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('£20');
    await page.keyboard.press('Enter');
    await page.keyboard.type('below');
    // From the last cell, Tab adds a row, as in Word.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bikes');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await toolbar('EXECUTIVE SUMMARY').getByRole('button', { name: 'Delete column' }).click();
    await saveNow();
    expect(await summary()).toBe(
      'Costs:\n\n| Item | Cost |\n| --- | --- |\n| Vans | £10 |\n| Cars | £20 |\n|  | below |\n| Bikes |  |',
    );
    expect(await editor('executiveSummary').locator('th').allTextContents()).toEqual(['Item', 'Cost']);
    await editor('executiveSummary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rich-editor-table.png') });
  });

  it('moves text it drags instead of copying it', async () => {
    await clear('decision');
    await page.keyboard.type('first second');
    /** Where a word of the decision shows on screen. */
    const box = (text: string) =>
      page.evaluate<{ x: number; y: number; width: number; height: number }>(`(() => {
        const walker = document.createTreeWalker(document.querySelector('#field-decision'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf(${JSON.stringify(text)});
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + ${text.length});
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
        return null;
      })()`);
    // The word chosen from the keyboard (a double-click and then a press would be a triple-click), then dragged.
    // On a busy machine the selection can land late, or the keys before the typing has settled (then nothing is
    // selected): the drag starts only from selected text, so the word is chosen again until it is selected.
    const selected = () => page.evaluate<string>('String(document.getSelection()).trim()');
    for (let attempt = 0; attempt < 6 && (await selected()) !== 'first'; attempt++) {
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+Control+ArrowRight');
      await expect
        .poll(selected, { timeout: 5_000 })
        .toBe('first')
        .catch(() => undefined);
    }
    expect(await selected()).toBe('first');
    const word = await box('first');
    const end = await box('second');
    await page.mouse.move(word.x + word.width / 2, word.y + word.height / 2);
    await page.mouse.down();
    await page.mouse.move(word.x + word.width / 2 + 10, word.y + word.height / 2, { steps: 3 });
    await page.mouse.move(end.x + end.width - 1, end.y + end.height / 2, { steps: 8 });
    await page.mouse.up();
    await saveNow();
    const decision = (await service('records.get', { id: recordId })).decision;
    expect(decision.match(/first/g)).toHaveLength(1);
    expect(decision).toMatch(/^ ?second ?first ?$/);
  });

  it('undoes across an autosave, and undoes a restored version back to what was typed', async () => {
    const recommendation = async () => (await service('records.get', { id: recordId })).recommendation;
    await clear('recommendation');
    await page.keyboard.type('Version A.');
    await saveNow();
    await page.keyboard.type(' Extra words.');
    // The autosave's own timer saves this one: undo reaches back past it.
    await saved();
    expect(await recommendation()).toBe('Version A. Extra words.');
    await page.keyboard.press('Control+z');
    await saveNow();
    expect(await recommendation()).toBe('Version A.');
    await page.keyboard.press('Control+y');
    await saveNow();
    expect(await recommendation()).toBe('Version A. Extra words.');

    await page.getByLabel(/^TITLE/).fill('Precept (B)');
    await clear('recommendation');
    await page.keyboard.type('Version B.');
    await saveNow();
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'History of this record' });
    await dialog
      .getByRole('button', { name: /Precept 2026\/27/ })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.getByText(/was restored as revision/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await editor('recommendation').getByText('Version A. Extra words.').waitFor();
    // Undo in the section takes the restore back, as Word's undo would, and that is saved like any edit.
    await editor('recommendation').click();
    await page.keyboard.press('Control+z');
    await editor('recommendation').getByText('Version B.').waitFor();
    await saveNow();
    expect(await recommendation()).toBe('Version B.');
    await page.getByLabel(/^TITLE/).fill('Precept 2026/27');
    await saveNow();
  });

  it('composes with an input method without running shortcuts or list rules mid-word', async () => {
    await clear('decision');
    await page.keyboard.type('Agreed: ');
    await cdp.send('Input.imeSetComposition', { text: 'け', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'けい', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: '警察', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '警察' });
    await page.keyboard.press('Enter');
    // "- " composed (a full-width IME's hyphen and space) is text being composed, not a list.
    await cdp.send('Input.imeSetComposition', { text: '- ', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '- ' });
    await page.keyboard.type('x');
    await saveNow();
    const decision = (await service('records.get', { id: recordId })).decision;
    expect(decision.startsWith('Agreed: 警察\n\n')).toBe(true);
    expect(decision.match(/警察/g)).toHaveLength(1);
  });
});

describe('pasting into the editor', () => {
  it('keeps Word’s bold, italic, three list levels and a table of figures', async () => {
    await clear('executiveSummary');
    await paste('executiveSummary', WORD, 'ignored');
    await saveNow();
    expect(await summary()).toBe(
      'The precept rises by **£14** for a *Band D* home.\n\n- officers\n  - neighbourhood teams\n    - rural\n- staff\n\n' +
        '| **Line** | **2026/27 (£m)** |\n| --- | --- |\n| Police officers | 212.4 |\n| *Police staff* | 98.1 |\n\nFigures are before grants.',
    );
    expect(await editor('executiveSummary').locator('table tr').count()).toBe(3);
  });

  it('prints what was pasted as it shows: a Word table and three list levels in the .docx and the PDF', async () => {
    const docx = path.join(tmp, 'pasted.docx');
    fs.writeFileSync(docx, Buffer.from((await service('export.docx', { id: recordId })).base64, 'base64'));
    // python-docx, an independent reader: the table's cells, and the list paragraphs at their levels.
    const read = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          [
            'import docx, json, sys',
            'd = docx.Document(sys.argv[1])',
            // The form is itself a table: the section's table and list paragraphs are inside its cells.
            'def tables(ts):',
            '    for t in ts:',
            '        yield t',
            '        for r in t.rows:',
            '            for c in r.cells: yield from tables(c.tables)',
            'def paragraphs(ts):',
            '    for t in tables(ts):',
            '        for r in t.rows:',
            '            for c in r.cells: yield from c.paragraphs',
            't = [t for t in tables(d.tables) if t.rows[0].cells[0].text == "Line"][0]',
            'rows = [[c.text for c in r.cells] for r in t.rows]',
            'seen = set()',
            'lv = []',
            'for p in paragraphs(d.tables):',
            '    if p.text in ("officers", "neighbourhood teams", "rural") and p._p not in seen and p._p.pPr is not None and p._p.pPr.numPr is not None:',
            '        seen.add(p._p); lv.append(p._p.pPr.numPr.ilvl.val)',
            'print(json.dumps({"rows": rows, "levels": lv}))',
          ].join('\n'),
          docx,
        ],
        { encoding: 'utf8' },
      ),
    ) as { rows: string[][]; levels: number[] };
    expect(read.rows).toEqual([
      ['Line', '2026/27 (£m)'],
      ['Police officers', '212.4'],
      ['Police staff', '98.1'],
    ]);
    expect(read.levels).toEqual([0, 1, 2]);

    const pdf = path.join(tmp, 'pasted.pdf');
    fs.writeFileSync(
      pdf,
      Buffer.from((await service('export.pdf', { id: recordId, rendition: 'archive' })).base64, 'base64'),
    );
    const layout = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(layout).toMatch(/Police officers\s+212\.4/);
    expect(layout).toMatch(/Police staff\s+98\.1/);
  });

  it('takes a range of cells from Excel as a table, its pipes kept as text', async () => {
    await clear('executiveSummary');
    await paste('executiveSummary', EXCEL, 'District\tGrant\nAshford\t12,500\n');
    await saveNow();
    expect(await summary()).toBe(
      '| **District** | **Grant** |\n| --- | --- |\n| Ashford | 12,500 |\n| Dover \\| Deal | 9,000 |',
    );
  });

  it('reads Google Docs (its bold wrapper is not bold) and Outlook (its images are left out)', async () => {
    await clear('executiveSummary');
    await paste('executiveSummary', GOOGLE_DOCS, '');
    // Below the pasted table, where the section keeps an empty paragraph to type in, as a person clicks there.
    await editor('executiveSummary').locator(':scope > p').last().click();
    await paste('executiveSummary', OUTLOOK, '');
    await saveNow();
    expect(await summary()).toBe(
      '**Key point** from the consultation.\n\n1. first\n\n| **Response** | **Count** |\n| --- | --- |\n| *Support* | 61 |\n\n' +
        'Hi all,\n\nThe **Chief Constable** supports option 2.\n\n- costs agreed',
    );
  });

  it('survives hostile and huge pastes: nothing runs, nothing crashes, and what is too long is refused in words', async () => {
    await clear('decision');
    const hostile =
      '<script>window.__ran = 1</script><style>body{display:none}</style><iframe src="javascript:window.__ran=2"></iframe>' +
      '<img src=x onerror="window.__ran=3"><p onclick="window.__ran=4">Kept <b>text</b>\u0007\u0000 only</p>' +
      '<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>b</td></tr></table>';
    await paste('decision', hostile, '');
    await saveNow();
    expect(await page.evaluate<unknown>('window.__ran')).toBeUndefined();
    expect((await service('records.get', { id: recordId })).decision).toBe(
      'Kept **text** only\n\n| outer inner | b |\n| --- | --- |',
    );

    // 500 rows of figures fit; 200,000 characters of text into a 100,000-character section do not, and say so.
    await clear('decision');
    const rows = Array.from(
      { length: 500 },
      (_, i) => `<tr><td>Line ${i + 1}</td><td>${(i * 37) % 1000}</td></tr>`,
    ).join('');
    await paste('decision', `<table><tr><th>Line</th><th>£</th></tr>${rows}</table>`, '');
    await saveNow();
    const decision = (await service('records.get', { id: recordId })).decision;
    expect(decision.split('\n')).toHaveLength(502);
    expect(decision.split('\n').at(-1)).toBe('| Line 500 | 463 |');

    await clear('executiveSummary');
    await paste('executiveSummary', '', 'word '.repeat(40_000));
    await saveNow();
    expect((await summary()).length).toBe(199_999);
    await paste('executiveSummary', '', 'x'.repeat(400_000));
    await page.getByRole('alert').filter({ hasText: 'Not pasted' }).waitFor();
    expect((await summary()).length).toBe(199_999);
  });

  it('finds everything saved after a reload', async () => {
    const before = await service('records.get', { id: recordId });
    await page.reload();
    await page.getByRole('option', { name: /Precept 2026\/27/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Precept 2026/27' }).waitFor();
    await editor('decision').locator('table').waitFor();
    expect(await editor('decision').locator('tr').count()).toBe(501);
    expect(await editor('recommendation').textContent()).toBe(before.recommendation);
    // Opening saves nothing: the record is as it was.
    expect((await service('records.get', { id: recordId })).revision).toBe(before.revision);
  });

  it('caused no console errors', () => {
    expect([...new Set(pageProblems)]).toEqual([]);
  });
});
