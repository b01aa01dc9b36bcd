// The one HTML form: complete, escaped and script-free, in TEMPLATE.md order, with print margins for the PDF engine.

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findChromium } from '../../../../electron/core/export/chromium-path.ts';
import { formatUkDate } from '../../../../electron/core/export/form.ts';
import {
  escapeHtml,
  printJob,
  renderPrintMargins,
  renderRecordHtml,
  richTextHtml,
} from '../../../../electron/core/export/html.ts';
import {
  confidentialRecord,
  fixtureTemplate,
  HOSTILE,
  hostileRecord,
  longRecord,
  shortRecord,
  signedRecord,
  templateWithLogo,
} from '../../../fixtures/records/index.ts';

const template = fixtureTemplate();

/** The visible text of an HTML document, tags out and entities decoded, white space collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function expectInOrder(text: string, expected: string[]): void {
  let from = 0;
  for (const want of expected) {
    const at = text.indexOf(want, from);
    expect(at, `"${want}" after character ${from}`).toBeGreaterThanOrEqual(0);
    from = at + want.length;
  }
}

describe('renderRecordHtml', () => {
  it('is a complete document with its own print CSS and nothing to run or fetch', () => {
    const html = renderRecordHtml(shortRecord(), template);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    );
    expect(html).toContain('@page { size: A4; margin: 22mm 20mm 24mm; }');
    expect(html).toContain("font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 11pt;");
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).toContain(
      '<title>Record of Decision OPCC.D.007.25: Renewal of the Lease on the Ashford Neighbourhood Office</title>',
    );
  });

  it('prints the form of TEMPLATE.md in order, labels and values', () => {
    expectInOrder(visibleText(renderRecordHtml(shortRecord(), template)), [
      'OFFICIAL',
      'Record of Decision',
      'ORIGINATOR: Head of Estates',
      'REFERENCE: OPCC.D.007.25',
      'TITLE: Renewal of the Lease on the Ashford Neighbourhood Office',
      'OPEN \u2612 CONFIDENTIAL \u2610',
      'Reason if Confidential:',
      'EXECUTIVE SUMMARY',
      'The lease on the Ashford neighbourhood office ends on 31 May 2025.',
      'RECOMMENDATION',
      'The PCC is recommended to approve',
      'DECISION',
      'To approve a five-year renewal',
      'Chief Finance Officer:',
      'Comments:',
      'Signature:',
      'Name: Priya Raman',
      'Date:',
      'Chief Executive:',
      'POLICE AND CRIME COMMISSIONER FOR KENT:',
      'BACKGROUND DOCUMENTS:',
      'Estates options appraisal, February 2025',
      'IMPACT ASSESSMENT:',
      'Police and Crime Plan (please indicate which objectives decision/recommendation supports)',
      'Has an Equality Impact Assessment been completed?',
      'Yes \u2610 No \u2612',
      '(If yes, please include within background documents)',
      'Will the decision have a differential/adverse impact',
      'Yes \u2610 No \u2612',
      'The renewal keeps an existing arrangement',
      'OPCC.D.007.25 \u00b7 OFFICIAL',
    ]);
  });

  it('ticks Confidential and prints the reason for a confidential record, with the confidential marking', () => {
    const text = visibleText(renderRecordHtml(confidentialRecord(), template));
    expectInOrder(text, [
      'OFFICIAL-SENSITIVE',
      'OPEN \u2610 CONFIDENTIAL \u2612',
      'Reason if Confidential: The record contains personal information',
    ]);
  });

  it('ticks neither box of an unanswered question, and prints the draft placeholder for a missing reference', () => {
    const text = visibleText(renderRecordHtml(longRecord(), template));
    expect(text.match(/Yes \u2610 No \u2610/g)).toHaveLength(2);
    expect(text).toContain('REFERENCE: Draft \u2013 no reference yet');
  });

  it('labels each box for screen readers', () => {
    const html = renderRecordHtml(shortRecord(), template);
    expect(html).toContain('<span class="box" role="img" aria-label="ticked">\u2612</span>');
    expect(html).toContain('<span class="box" role="img" aria-label="not ticked">\u2610</span>');
  });

  it('prints nothing for the marking NONE', () => {
    const html = renderRecordHtml(shortRecord(), { ...template, protectiveMarking: 'NONE' });
    expect(html).not.toContain('class="marking"');
    expect(renderPrintMargins(shortRecord(), { ...template, protectiveMarking: 'NONE' }).headerTemplate).not.toContain(
      'OFFICIAL',
    );
  });

  it('shows each signature with alternative text, name and UK date, and a line to sign on for the unsigned', () => {
    const html = renderRecordHtml(signedRecord(), templateWithLogo());
    expect(
      html.match(/<img class="signature" src="data:image\/png;base64,[^"]+" alt="Signature of [^"]+">/g),
    ).toHaveLength(3);
    expect(html).toContain('alt="Signature of Helen Ashworth, Police and Crime Commissioner for Kent"');
    expect(html).toMatch(
      /<img class="logo" src="data:image\/png;base64,[^"]+" alt="Office of the Police and Crime Commissioner for Kent">/,
    );
    expectInOrder(visibleText(html), [
      'Name: Priya Raman',
      'Date: 17 June 2025',
      'Name: Gareth Lloyd',
      'Date: 18 June 2025',
      'Name: Helen Ashworth',
      'Date: 19 June 2025',
    ]);
    const unsigned = renderRecordHtml(shortRecord(), template);
    expect(unsigned.match(/class="sign-here"/g)).toHaveLength(3);
    expect(unsigned.match(/class="date-here"/g)).toHaveLength(3);
    expectInOrder(visibleText(renderRecordHtml(confidentialRecord(), template)), [
      'Chief Executive:',
      'Signed on paper',
      'Name: Gareth Lloyd',
      'Date: 2 April 2025',
    ]);
  });

  it('keeps section labels as headings that do not end a page, and sign-off groups whole', () => {
    const html = renderRecordHtml(longRecord(), template);
    expect(html).toContain('h2 { font-size: 11pt; font-weight: bold; margin: 0 0 4pt; break-after: avoid; }');
    expect(html).toContain('.signoff { break-inside: avoid; }');
    expect(html).toContain('<section class="row keep-with-next" aria-labelledby="impact">');
    expect(html).toMatch(
      /<section class="row section" aria-labelledby="executive-summary"><h2 id="executive-summary">EXECUTIVE SUMMARY<\/h2>/,
    );
  });
});

describe('richTextHtml', () => {
  it('renders paragraphs, bold, italic, line breaks and lists nested one level', () => {
    expect(richTextHtml('One **bold** and *italic*\nnext line\n\n- a\n  1. b\n- c')).toBe(
      '<p dir="ltr">One <strong>bold</strong> and <em>italic</em><br>next line</p>' +
        '<ul><li dir="ltr">a<ol><li dir="ltr">b</li></ol></li><li dir="ltr">c</li></ul>',
    );
  });

  it('sets right-to-left paragraphs right to left', () => {
    expect(richTextHtml(HOSTILE.arabic)).toBe(`<p dir="rtl">${HOSTILE.arabic}</p>`);
  });

  it('escapes the text inside the markup', () => {
    expect(richTextHtml('**<b>&amp;</b>**')).toBe('<p dir="ltr"><strong>&lt;b&gt;&amp;amp;&lt;/b&gt;</strong></p>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('formatUkDate', () => {
  it('writes the day the office saw, in London', () => {
    expect(formatUkDate('2018-09-19T10:00:00.000+01:00')).toBe('19 September 2018');
    // 23:30 UTC on 18 June is 00:30 on 19 June in British Summer Time.
    expect(formatUkDate('2025-06-18T23:30:00.000Z')).toBe('19 June 2025');
    expect(formatUkDate('2025-01-05T23:30:00.000Z')).toBe('5 January 2025');
  });
});

describe('renderPrintMargins', () => {
  it('gives the header the marking and the footer the marking, reference and page fields, in 8 pt', () => {
    const { headerTemplate, footerTemplate } = renderPrintMargins(signedRecord(), template);
    expect(headerTemplate).toContain('font-size: 8pt');
    expect(headerTemplate).toContain('OFFICIAL');
    expect(footerTemplate).toContain('font-size: 8pt');
    expect(footerTemplate).toContain(
      'OPCC.D.021.25 \u00b7 Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
    // An attribute that broke on a quote would drop the font size and print the margins at about 0.7 pt.
    expect(headerTemplate).toMatch(/^<div style="[^"]*font-size: 8pt;[^"]*">/);
  });

  it('names a draft by the placeholder, and the print job carries the document title', () => {
    const job = printJob(longRecord(), template);
    expect(job.options.footerTemplate).toContain('Draft \u2013 no reference yet \u00b7 Page');
    expect(job.options.title).toBe('Record of Decision (draft): Regional Fleet Management Collaboration');
  });
});

describe('the HTML in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_FLAGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs none of the hostile text as script, even with scripts allowed, and shows it as typed', async () => {
    const record = hostileRecord();
    const page = await browser.newPage({ javaScriptEnabled: true });
    try {
      await page.setContent(renderRecordHtml(record, template), { waitUntil: 'load' });
      // A string, because this side is type-checked without the DOM.
      const found = (await page.evaluate(`({
        pwned: window.__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        images: [...document.images].map((img) => img.getAttribute('src').slice(0, 5)),
        title: document.querySelector('.form .row:nth-child(2) .text')?.textContent,
        documentTitle: document.title,
      })`)) as { documentTitle: string };
      expect(found).toMatchObject({ pwned: null, scripts: 0, handlers: 0, images: [], title: record.title });
      expect(found.documentTitle).toContain(HOSTILE.script);
    } finally {
      await page.close();
    }
  });

  it('shows an A4-sized white sheet on grey on screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    try {
      await page.setContent(renderRecordHtml(shortRecord(), template), { waitUntil: 'load' });
      const look = await page.evaluate(`(() => {
        const sheet = document.querySelector('.sheet');
        return {
          background: getComputedStyle(document.documentElement).backgroundColor,
          sheet: getComputedStyle(sheet).backgroundColor,
          width: Math.round(sheet.getBoundingClientRect().width),
          marginNotes: [...document.querySelectorAll('.margin-note')].map((n) => getComputedStyle(n).display),
        };
      })()`);
      // 210 mm at 96 dpi.
      expect(look).toEqual({
        background: 'rgb(217, 217, 217)',
        sheet: 'rgb(255, 255, 255)',
        width: 794,
        marginNotes: ['block', 'block'],
      });
    } finally {
      await page.close();
    }
  });
});
