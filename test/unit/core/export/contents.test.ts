// "What this file contains", read from real exports (a real Chromium prints the PDF), from Word files made by hand
// with comments, tracked changes, hidden text and an embedded object, and from hostile files.

import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfEngine } from '../../../../electron/core/export/chromium-engine.ts';
import { describeContents, internalTexts, unzipBounded } from '../../../../electron/core/export/contents.ts';
import { exportDocx } from '../../../../electron/core/export/docx.ts';
import { exportPdf, recordJsonBytes } from '../../../../electron/core/export/pdf.ts';
import {
  type DecisionRecord,
  LIMITS,
  type OfficeTemplate,
  OfficeTemplateSchema,
  signOffsFor,
  upgradeTemplate,
} from '../../../../electron/core/domain/index.ts';
import { shortRecord, signedRecord, templateWithLogo } from '../../../fixtures/records/index.ts';
import { attachmentBomb, objectStreamBomb } from '../../../helpers/hostile-pdf.ts';
import { pdfText } from './support.ts';

const template = templateWithLogo();
const OFFICE = 'Office of the Police and Crime Commissioner for Kent';
const SIGNERS = ['Priya Raman', 'Gareth Lloyd', 'Helen Ashworth'];
const point = (i: number) => ({ x: i, y: i * 2, pressure: 0.5, time: i * 8 });
/** The signed fixture with the ink of its first signature: two strokes, five points. */
function inkedRecord() {
  const record = signedRecord();
  const strokes = [
    { pointerType: 'pen' as const, points: [point(0), point(1), point(2)] },
    { pointerType: 'pen' as const, points: [point(3), point(4)] },
  ];
  return {
    ...record,
    signOffs: record.signOffs.map((s, i) =>
      i === 0 && s.signature ? { ...s, signature: { ...s.signature, strokes } } : s,
    ),
  };
}
const value = (contents: { metadata: { name: string; value: string }[] }, name: string) =>
  contents.metadata.find((m) => m.name === name)?.value;

describe('describeContents', () => {
  describe('an exported PDF', () => {
    const engine = new ChromiumPdfEngine();
    let pdf: Uint8Array;
    beforeAll(async () => {
      pdf = await exportPdf(inkedRecord(), template, engine, { appVersion: '9.8.7' });
    }, 120_000);
    afterAll(() => engine.close());

    it('lists the Info properties, the attached record.json, the images and the people named', async () => {
      const contents = await describeContents(pdf, 'OPCC.D.021.25.pdf', [...SIGNERS, 'Nobody Else']);
      expect(contents).toMatchObject({ kind: 'pdf', fileName: 'OPCC.D.021.25.pdf', bytes: pdf.byteLength });
      expect(value(contents, 'Title')).toBe(
        'Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces',
      );
      expect(value(contents, 'Author')).toBe(OFFICE);
      expect(value(contents, 'Creator')).toBe('Decision Desk 9.8.7');
      expect(value(contents, 'CreationDate')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(contents.attachments).toEqual([
        { name: 'record.json', bytes: recordJsonBytes(inkedRecord()).byteLength, mimeType: 'application/json' },
      ]);
      // Three signatures and the logo.
      expect(contents.images.length).toBe(4);
      for (const image of contents.images) expect(image.bytes).toBeGreaterThan(0);
      expect(contents.people).toEqual(SIGNERS);
      expect(contents.hidden).toEqual(
        expect.arrayContaining([expect.stringMatching(/^record\.json: Signature strokes of Priya Raman .*points/)]),
      );
      expect(contents.hidden).toEqual(
        expect.arrayContaining([expect.stringMatching(/^record\.json: Device Priya Raman signed on .*Surface Pro/)]),
      );
    });

    it('looks for the people of the attached record when no names are given', async () => {
      const contents = await describeContents(pdf, 'record.pdf');
      expect(contents.people).toEqual(expect.arrayContaining(SIGNERS));
    });
  });

  describe('the internal sections of a record (London\u2019s "Part two")', () => {
    const london: OfficeTemplate = OfficeTemplateSchema.parse(
      upgradeTemplate(
        JSON.parse(
          fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/templates/london.json'), 'utf8'),
        ),
      ),
    );
    const PART_TWO = 'The bid prices were Quillfeather figures, held back as commercially sensitive.';
    const record: DecisionRecord = {
      ...shortRecord(),
      template: 'london',
      signOffs: signOffsFor(london, undefined),
      sections: [
        { id: 'financial-comments', kind: 'rich-text', text: 'Funded from the violence reduction budget.' },
        { id: 'part-two', kind: 'rich-text', text: `**Exempt.**\n\n${PART_TWO}` },
      ],
    };
    const internal = internalTexts(record, london);
    const engine = new ChromiumPdfEngine();
    let archive: Uint8Array;
    let publicCopy: Uint8Array;
    beforeAll(async () => {
      archive = await exportPdf(record, london, engine, { appVersion: '9.8.7' });
      publicCopy = await exportPdf(record, london, engine, { appVersion: '9.8.7', rendition: 'public' });
    }, 120_000);
    afterAll(() => engine.close());
    const label = london.sections.find((s) => s.id === 'part-two')!.label;
    const leak = `Text of the internal section ${label} (1 passage): it is for the office only and must not be published`;
    const leaks = (hidden: string[]) =>
      hidden.filter((line) => line.startsWith(`Text of the internal section ${label} (`));

    it('are the words of the internal sections only, by the template', () => {
      expect(label).toBe('PART 2: CONFIDENTIAL FACTS AND ADVICE');
      expect(internal).toEqual([{ label, pieces: ['Exempt.', PART_TWO] }]);
    });

    it('are reported where a PDF prints them on its pages (the office\u2019s own copy), as pdftotext reads them', async () => {
      expect((await pdfText(archive)).replace(/\s+/g, ' ')).toContain('Quillfeather figures');
      const contents = await describeContents(archive, 'PCD 0001.pdf', undefined, internal);
      expect(leaks(contents.hidden)).toEqual([
        `Text of the internal section ${label} (2 passages): it is for the office only and must not be published`,
      ]);
    });

    it('are reported from the pages alone of a public copy that printed them (it has no attached files)', async () => {
      // A public copy made as if the section were not internal: what the check is there to catch.
      const careless = { ...london, sections: london.sections.map((s) => ({ ...s, internal: false })) };
      const printed = await exportPdf(record, careless, engine, { appVersion: '9.8.7', rendition: 'public' });
      expect((await pdfText(printed)).replace(/\s+/g, ' ')).toContain('Quillfeather figures');
      const contents = await describeContents(printed, 'PCD 0001 (public).pdf', undefined, internal);
      expect(contents.attachments).toEqual([]);
      expect(leaks(contents.hidden)).toEqual([
        `Text of the internal section ${label} (2 passages): it is for the office only and must not be published`,
      ]);
    });

    it('are not in the public copy, and its check says nothing of them', async () => {
      const text = (await pdfText(publicCopy)).replace(/\s+/g, ' ');
      expect(text).toContain('violence reduction budget');
      expect(text).not.toContain('Quillfeather');
      const contents = await describeContents(publicCopy, 'PCD 0001 (public).pdf', undefined, internal);
      expect(contents.hidden.filter((line) => line.includes('internal section'))).toEqual([]);
    });

    it('are reported in a Word file, a record.json and a pack\u2019s page that hold them', async () => {
      const docx = await describeContents(await exportDocx(record, london), 'PCD 0001.docx', undefined, internal);
      expect(leaks(docx.hidden)).toHaveLength(1);
      const json = await describeContents(recordJsonBytes(record), 'record.json', undefined, internal);
      expect(leaks(json.hidden)).toHaveLength(1);
      const page = strToU8(
        `<!DOCTYPE html><p>The bid prices were <em>Quillfeather</em>\n  figures, held back as commercially sensitive.</p>`,
      );
      expect((await describeContents(page, 'decisions/PCD-0001.html', undefined, internal)).hidden).toEqual([leak]);
      const clean = strToU8('<!DOCTYPE html><p>Funded from the violence reduction budget.</p>');
      expect((await describeContents(clean, 'decisions/PCD-0001.html', undefined, internal)).hidden).toEqual([]);
    });
  });

  describe('an exported Word file', () => {
    it('lists the core, app and custom properties, the images with their alternative text, and the people named', async () => {
      const record = signedRecord();
      const bytes = await exportDocx(record, template);
      const contents = await describeContents(bytes, 'record.docx', [...SIGNERS, 'Nobody Else']);
      expect(contents.kind).toBe('docx');
      expect(value(contents, 'Author')).toBe(OFFICE);
      expect(value(contents, 'Language')).toBe('en-GB');
      expect(value(contents, 'Last modified by')).toBe('Decision Desk');
      expect(value(contents, 'Custom property RecordId')).toBe(record.id);
      expect(value(contents, 'Custom property ContentHash')).toBe(record.contentHash);
      expect(contents.images.map((i) => i.description).sort()).toEqual(
        [OFFICE, ...SIGNERS.map((n) => `Signature of ${n}`)].sort(),
      );
      expect(contents.people).toEqual(SIGNERS);
      expect(contents.attachments).toEqual([]);
      expect(contents.hidden).toEqual([]);
    });

    it('lists comments, tracked changes, hidden text and embedded objects of a Word file made elsewhere', async () => {
      const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
      const document =
        `<?xml version="1.0"?><w:document ${w}><w:body>` +
        '<w:p><w:r><w:t>Approved by Jane </w:t></w:r><w:r><w:t>Smith</w:t></w:r></w:p>' +
        '<w:p><w:ins w:id="1" w:author="Tom Reviewer"><w:r><w:t>added</w:t></w:r></w:ins><w:del w:id="2" w:author="Tom Reviewer"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>' +
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret note</w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>shown</w:t></w:r></w:p>' +
        '</w:body></w:document>';
      const comments = `<?xml version="1.0"?><w:comments ${w}><w:comment w:id="0" w:author="Ann Critic"><w:p><w:r><w:t>Ask &amp; check</w:t></w:r></w:p></w:comment></w:comments>`;
      const core =
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<dc:creator>Jane Smith</dc:creator><cp:lastModifiedBy>Tom Reviewer</cp:lastModifiedBy></cp:coreProperties>';
      const app =
        '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Acme &lt;Ltd&gt;</Company><Application>Microsoft Office Word</Application></Properties>';
      const bytes = zipSync({
        '[Content_Types].xml': strToU8('<Types/>'),
        'word/document.xml': strToU8(document),
        'word/comments.xml': strToU8(comments),
        'docProps/core.xml': strToU8(core),
        'docProps/app.xml': strToU8(app),
        'word/embeddings/oleObject1.bin': new Uint8Array(300),
        'word/media/image1.png': new Uint8Array(120),
      });
      const contents = await describeContents(bytes, 'other.docx', [
        'Jane Smith',
        'Ann Critic',
        'Tom Reviewer',
        'Nobody Else',
      ]);
      expect(contents.kind).toBe('docx');
      expect(value(contents, 'Company')).toBe('Acme <Ltd>');
      expect(value(contents, 'Author')).toBe('Jane Smith');
      expect(contents.images).toEqual([{ name: 'word/media/image1.png', bytes: 120, description: null }]);
      expect(contents.attachments).toEqual([{ name: 'word/embeddings/oleObject1.bin', bytes: 300, mimeType: null }]);
      expect(contents.hidden).toEqual([
        '1 comment (word/comments.xml), by Ann Critic',
        'Tracked changes: 1 insertion, 1 deletion, by Tom Reviewer',
        '1 embedded object (word/embeddings): oleObject1.bin',
        'Hidden text (w:vanish) in 1 place',
      ]);
      expect(contents.people).toEqual(['Jane Smith', 'Ann Critic', 'Tom Reviewer']);
    });
  });

  describe('a record.json', () => {
    it('lists its identity, the signature images and the fields holding personal data', async () => {
      const record = inkedRecord();
      const contents = await describeContents(recordJsonBytes(record), 'record.json');
      expect(contents.kind).toBe('json');
      expect(value(contents, 'Record id')).toBe(record.id);
      expect(value(contents, 'Reference')).toBe('OPCC.D.021.25');
      expect(contents.images.map((i) => i.description)).toEqual(SIGNERS.map((n) => `Signature of ${n}`));
      expect(contents.hidden).toContain(
        'Signature strokes of Priya Raman (chief-finance-officer): 2 strokes, 5 points of pen movement',
      );
      expect(contents.hidden).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Device Helen Ashworth signed on .*: Surface Pro \(fixture\)$/),
        ]),
      );
      expect(contents.hidden).toEqual(expect.arrayContaining([expect.stringMatching(/^Comments of /)]));
      expect(contents.people).toEqual(expect.arrayContaining([record.originator, ...SIGNERS]));
    });

    it('calls a file that is none of these "other"', async () => {
      expect(await describeContents(strToU8('just some notes'), 'notes.txt')).toMatchObject({
        kind: 'other',
        metadata: [],
        people: [],
      });
      expect(await describeContents(zipSync({ 'a.txt': strToU8('a') }), 'a.zip')).toMatchObject({ kind: 'other' });
      expect((await describeContents(recordJsonBytes(shortRecord()), 'r.json', [])).people).toEqual([]);
    });
  });

  describe('hostile files', () => {
    it('refuses a Word file with a part that inflates past the cap (a zip bomb), in plain words', async () => {
      const bomb = zipSync({ 'word/document.xml': [new Uint8Array(LIMITS.recordJsonBytes + 1024), { level: 9 }] });
      expect(bomb.byteLength).toBeLessThan(200_000);
      await expect(describeContents(bomb, 'bomb.docx')).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/too large when decompressed/),
      });
    });

    it('caps the total of all parts, and the number of parts', () => {
      const parts = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`part${i}.xml`, new Uint8Array(100_000)]));
      const zip = zipSync(parts);
      expect(() =>
        unzipBounded(zip, () => true, { maxEntryBytes: 200_000, maxTotalBytes: 300_000, maxEntries: 100 }),
      ).toThrow(/too large when decompressed/);
      expect(() =>
        unzipBounded(zip, () => true, { maxEntryBytes: 200_000, maxTotalBytes: 1_000_000, maxEntries: 3 }),
      ).toThrow(/more than 3 parts/);
      expect(unzipBounded(zip, () => false).get('part4.xml')).toEqual({ bytes: 100_000, data: null });
    });

    it('refuses a damaged Word file', async () => {
      const zip = zipSync({ 'word/document.xml': [strToU8('<w:document/>'.repeat(1000)), { level: 9 }] });
      const damaged = zip.slice();
      damaged.fill(0xff, 60, 200);
      await expect(describeContents(damaged, 'damaged.docx')).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/cannot be read/),
      });
    });

    it('refuses PDFs that inflate past the limit, and the process carries on', async () => {
      const over = LIMITS.recordJsonBytes + 1024 * 1024;
      for (const bomb of [attachmentBomb(over), objectStreamBomb(over)]) {
        await expect(describeContents(bomb, 'bomb.pdf')).rejects.toMatchObject({
          code: 'invalid-input',
          message: expect.stringMatching(/too large when decompressed/),
        });
      }
      expect((await describeContents(attachmentBomb(1024), 'small.pdf')).attachments).toEqual([
        { name: 'record.json', bytes: 1024, mimeType: 'application/json' },
      ]);
    });
  });
});
