// The PDF export through the real system Chromium, read back: text in order, A4 pages, margins, metadata, record.json.

import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskError } from '../../../../electron/core/domain/index.ts';
import { renderRecordHtml } from '../../../../electron/core/export/html.ts';
import { pdfAttachments } from '../../../../electron/core/export/pdf-attachments.ts';
import { ChromiumPdfEngine } from '../../../../electron/core/export/chromium-engine.ts';
import { exportPdf } from '../../../../electron/core/export/pdf.ts';
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
import { pdfText } from './support.ts';

const template = fixtureTemplate();
const meta = { appVersion: '9.8.7' };
const squash = (text: string) => text.replace(/\s+/g, ' ');

function expectInOrder(text: string, expected: string[]): void {
  let from = 0;
  for (const want of expected) {
    const at = text.indexOf(want, from);
    expect(at, `"${want}" after character ${from} of:\n${text.slice(0, 3000)}`).toBeGreaterThanOrEqual(0);
    from = at + want.length;
  }
}

describe('exportPdf with the Chromium engine', () => {
  const engine = new ChromiumPdfEngine();
  const pdfs = new Map<string, Uint8Array>();
  beforeAll(async () => {
    // Printed once each and shared by the tests below; the engine is launched by the first and reused after.
    for (const [name, record, officeTemplate] of [
      ['short', shortRecord(), template],
      ['confidential', confidentialRecord(), template],
      ['long', longRecord(), template],
      ['signed', signedRecord(), templateWithLogo()],
    ] as const) {
      pdfs.set(name, await exportPdf(record, officeTemplate, engine, meta));
    }
  }, 120_000);
  afterAll(() => engine.close());

  it('prints the form in order', async () => {
    expectInOrder(squash(await pdfText(pdfs.get('short')!)), [
      'OFFICIAL',
      'Record of Decision',
      'ORIGINATOR: Head of Estates',
      'REFERENCE: OPCC.D.007.25',
      'TITLE: Renewal of the Lease on the Ashford Neighbourhood Office',
      'OPEN \u2612 CONFIDENTIAL \u2610',
      'EXECUTIVE SUMMARY',
      'The lease on the Ashford neighbourhood office ends on 31 May 2025.',
      'RECOMMENDATION',
      'DECISION',
      'Chief Finance Officer:',
      'Chief Executive:',
      'POLICE AND CRIME COMMISSIONER FOR KENT:',
      'BACKGROUND DOCUMENTS:',
      'IMPACT ASSESSMENT:',
      'Has an Equality Impact Assessment been completed?',
      'Yes \u2610 No \u2612',
    ]);
  });

  it('prints A4 pages', async () => {
    const pdf = await PDFDocument.load(pdfs.get('long')!);
    expect(pdf.getPageCount()).toBeGreaterThan(3);
    for (const page of pdf.getPages()) {
      const { width, height } = page.getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    }
  });

  it('prints the marking at the top and the marking, reference and "Page N of M" at the foot of every page', async () => {
    const pages = (await pdfText(pdfs.get('long')!)).split('\f').filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, index) => {
      const lines = page
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      expect(lines[0]).toBe('OFFICIAL');
      expect(lines.slice(-2)).toEqual([
        'OFFICIAL',
        `Draft \u2013 no reference yet \u00b7 Page ${index + 1} of ${pages.length}`,
      ]);
    });
  });

  it('never leaves a section label alone at the foot of a page', async () => {
    const labels = [
      'EXECUTIVE SUMMARY',
      'RECOMMENDATION',
      'DECISION',
      'Chief Finance Officer:',
      'Chief Executive:',
      'IMPACT ASSESSMENT:',
    ];
    for (const name of ['long', 'signed']) {
      const pages = (await pdfText(pdfs.get(name)!)).split('\f').filter((page) => page.trim());
      for (const page of pages) {
        const lines = page
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        const lastBody = lines.at(-3);
        expect(labels, `${name}: last line of a page is "${lastBody}"`).not.toContain(lastBody);
      }
    }
  });

  it('keeps every label with what follows it, wherever the page ends', async () => {
    // Each extra line of the decision moves everything below it down a line, so in turn every label below it
    // meets the foot of a page.
    const labels = [
      'Chief Finance Officer:',
      'Chief Executive:',
      'POLICE AND CRIME COMMISSIONER FOR KENT:',
      'BACKGROUND DOCUMENTS:',
      'IMPACT ASSESSMENT:',
    ];
    const base = shortRecord();
    for (let lines = 0; lines < 48; lines += 1) {
      const record = {
        ...base,
        decision: Array.from({ length: lines + 1 }, (_, i) => `Line ${i + 1} of the decision.`).join('\n'),
      };
      const pages = (await pdfText(await exportPdf(record, template, engine, meta)))
        .split('\f')
        .filter((page) => page.trim());
      for (const page of pages.slice(0, -1)) {
        const body = page
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        expect(labels, `with ${lines + 1} lines, a page ends "${body.at(-3)}"`).not.toContain(body.at(-3));
      }
    }
  }, 120_000);

  it('marks a confidential record with the confidential marking', async () => {
    const text = await pdfText(pdfs.get('confidential')!);
    expect(text.split('\n')[0]!.trim()).toBe('OFFICIAL-SENSITIVE');
    expectInOrder(squash(text), [
      'OPEN \u2610 CONFIDENTIAL \u2612',
      'Reason if Confidential: The record contains personal information',
    ]);
  });

  it('sets title, author, subject, keywords, creator and language', async () => {
    const pdf = await PDFDocument.load(pdfs.get('signed')!, { updateMetadata: false });
    expect(pdf.getTitle()).toBe(
      'Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces',
    );
    expect(pdf.getAuthor()).toBe('Office of the Police and Crime Commissioner for Kent');
    expect(pdf.getSubject()).toBe('OPCC.D.021.25');
    expect(pdf.getKeywords()).toBe('Record of Decision OPCC.D.021.25 open decided');
    expect(pdf.getCreator()).toBe('Decision Desk 9.8.7');
    expect(pdf.getProducer()).toMatch(/Skia/);
    expect(pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en-GB');
    const viewer = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(String(viewer.get(PDFName.of('DisplayDocTitle')))).toBe('true');
  });

  it('carries the record as record.json, the PDF\u2019s source data as an associated file', async () => {
    const record = signedRecord();
    const [attachment, ...others] = await pdfAttachments(pdfs.get('signed')!);
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({ name: 'record.json', mimeType: 'application/json', relationship: 'Source' });
    expect(JSON.parse(new TextDecoder().decode(attachment!.bytes))).toEqual(record);
    const pdf = await PDFDocument.load(pdfs.get('signed')!);
    expect(pdf.catalog.get(PDFName.of('AF'))).toBeDefined();
  });

  it('prints the signatures and the logo as images', async () => {
    const pdf = await PDFDocument.load(pdfs.get('signed')!);
    const images = pdf.context
      .enumerateIndirectObjects()
      .filter(
        ([, object]) =>
          object instanceof Object &&
          'dict' in object &&
          String((object as { dict: PDFDict }).dict.get(PDFName.of('Subtype'))) === '/Image',
      );
    expect(images.length).toBeGreaterThanOrEqual(4);
  });

  it('exports the hostile record, 200,000-character summary and all, with the text as typed', async () => {
    const record = hostileRecord();
    const bytes = await exportPdf(record, template, engine, meta);
    const text = squash(await pdfText(bytes));
    expect(text).toContain(HOSTILE.script);
    expect(text).toContain(HOSTILE.xml);
    expect(text).toContain(HOSTILE.welsh);
    const start = text.indexOf('EXECUTIVE SUMMARY');
    const end = text.indexOf('RECOMMENDATION', start);
    const summary = text.slice(start, end);
    const welsh = 'Comisiynydd Heddlu a Throseddu';
    expect(summary.split(welsh).length - 1).toBe(record.executiveSummary.split(welsh).length - 1);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(20);
    const [attachment] = await pdfAttachments(bytes);
    expect(JSON.parse(new TextDecoder().decode(attachment!.bytes))).toEqual(record);
  }, 120_000);

  it('prints again after close(), and prints side by side', async () => {
    const html = renderRecordHtml(shortRecord(), template);
    await engine.close();
    const [a, b] = await Promise.all([engine.print(html), engine.print(html)]);
    for (const bytes of [a!, b!]) expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });

  it('warms up in the background: a print that comes during the warm-up waits for it and prints the record', async () => {
    await engine.close();
    const warming = engine.warm();
    const bytes = await engine.print(renderRecordHtml(shortRecord(), template));
    await warming;
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(await pdfText(bytes)).toContain(shortRecord().title);
  });
});

describe('ChromiumPdfEngine without a browser', () => {
  it('says Chromium could not be started, as an "unavailable" DeskError', async () => {
    const engine = new ChromiumPdfEngine('/nonexistent/chromium');
    const error = await engine.print('<!DOCTYPE html><p>x</p>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('/nonexistent/chromium') });
    await engine.close();
  });

  it('never rejects a warm-up: the next print reports the failure itself', async () => {
    const engine = new ChromiumPdfEngine('/nonexistent/chromium');
    await expect(engine.warm()).resolves.toBeUndefined();
    await expect(engine.print('<!DOCTYPE html><p>x</p>')).rejects.toMatchObject({ code: 'unavailable' });
    await engine.close();
  });
});
