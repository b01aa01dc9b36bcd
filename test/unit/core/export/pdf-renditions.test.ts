// The archive and public PDFs through the real Chromium, read back with poppler (pdfinfo, pdftotext) and qpdf: tagged
// structure, artifacts, bookmarks, role map, XMP, output intent, attachments, and what the public copy leaves out.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DecisionRecord,
  NotAllowedError,
  type OfficeTemplate,
  type Settings,
} from '../../../../electron/core/domain/index.ts';
import { openMemoryDatabase } from '../../../../electron/core/db/connection.ts';
import { ChromiumPdfEngine } from '../../../../electron/core/export/chromium-engine.ts';
import { exportFileName } from '../../../../electron/core/export/filenames.ts';
import { publicPdf } from '../../../../electron/core/export/handlers.ts';
import { pdfAttachments, readRecordFile } from '../../../../electron/core/export/pdf-attachments.ts';
import { A4_POINTS, srgbProfile, wrapUntaggedAsArtifacts } from '../../../../electron/core/export/pdf-conformance.ts';
import type { PdfEngine } from '../../../../electron/core/export/pdf-engine.ts';
import { exportPdf } from '../../../../electron/core/export/pdf.ts';
import { confidentialRecord, longRecord, signedRecord, templateWithLogo } from '../../../fixtures/records/index.ts';
import { pdfText, run, tempDir } from './support.ts';

const squash = (text: string) => text.replace(/\s+/g, ' ');

/** Runs a poppler or qpdf tool on the PDF's bytes; qpdf's exit code 3 (warnings) is not a failure. */
async function tool(bytes: Uint8Array, command: string, args: (file: string) => string[]): Promise<string> {
  const dir = tempDir('renditions');
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, bytes);
    try {
      return (await run(command, args(file), { maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string };
      if (command.endsWith('qpdf') && failed.code === 3 && failed.stdout) return failed.stdout;
      throw error;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pdfinfo = (bytes: Uint8Array, ...args: string[]) => tool(bytes, '/usr/bin/pdfinfo', (file) => [...args, file]);
/** The whole file uncompressed, object streams off: what anyone could grep for. */
const qdf = async (bytes: Uint8Array) => {
  const dir = tempDir('qdf');
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), bytes);
    await run('/usr/bin/qpdf', [
      '--qdf',
      '--object-streams=disable',
      path.join(dir, 'in.pdf'),
      path.join(dir, 'out.pdf'),
    ]).catch((error: { code?: number }) => {
      if (error.code !== 3) throw error;
    });
    return fs.readFileSync(path.join(dir, 'out.pdf')).toString('latin1');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
type QpdfJson = {
  qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>];
  outlines: Outline[];
};
type Outline = { title: string; kids: Outline[] };
const qpdfJson = async (bytes: Uint8Array) =>
  JSON.parse(await tool(bytes, '/usr/bin/qpdf', (file) => ['--json', '--json-stream-data=none', file])) as QpdfJson;

function objectsOf(json: QpdfJson): Record<string, unknown>[] {
  return Object.values(json.qpdf[1]).map(
    (entry) => (entry.value ?? entry.stream?.dict ?? {}) as Record<string, unknown>,
  );
}
const catalogOf = (json: QpdfJson) => objectsOf(json).find((object) => object['/Type'] === '/Catalog')!;

function expectInOrder(text: string, expected: string[]): void {
  let from = 0;
  for (const want of expected) {
    const at = text.indexOf(want, from);
    expect(at, `"${want}" after character ${from} of:\n${text.slice(0, 4000)}`).toBeGreaterThanOrEqual(0);
    from = at + want.length;
  }
}

const meta = { appVersion: '9.8.7' };
const withPublication = (
  template: OfficeTemplate,
  publication: Partial<OfficeTemplate['publication']>,
): OfficeTemplate => ({
  ...template,
  publication: { ...template.publication, ...publication },
});

describe('the archive and public PDFs', () => {
  const engine = new ChromiumPdfEngine();
  const template = templateWithLogo();
  const record = signedRecord();
  let archive: Uint8Array;
  let publicImage: Uint8Array;
  let publicText: Uint8Array;
  let longArchive: Uint8Array;
  beforeAll(async () => {
    archive = await exportPdf(record, template, engine, { ...meta, signingAudit: [] });
    publicImage = await exportPdf(record, template, engine, { ...meta, rendition: 'public', signingAudit: [] });
    publicText = await exportPdf(record, withPublication(template, { signatures: 'text', comments: false }), engine, {
      ...meta,
      rendition: 'public',
    });
    longArchive = await exportPdf(longRecord(), template, engine, meta);
  }, 120_000);
  afterAll(() => engine.close());

  it('tags both, on exact A4 pages', async () => {
    for (const bytes of [archive, publicImage, publicText, longArchive]) {
      const info = await pdfinfo(bytes, '-l', '99');
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*) pts/gm)].map((m) => m[1]);
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size).toBe(`${A4_POINTS.width} x ${A4_POINTS.height}`);
    }
  });

  it('has the form\u2019s structure in reading order: H1, H2 per section, lists, figures with alt text, ticked boxes as text', async () => {
    const json = await qpdfJson(archive);
    const alts = objectsOf(json).flatMap((o) =>
      o['/S'] === '/Figure' && typeof o['/Alt'] === 'string' ? [o['/Alt'] as string] : [],
    );
    expect(alts).toEqual(
      expect.arrayContaining([
        'u:Signature of Priya Raman, Chief Finance Officer',
        'u:Signature of Gareth Lloyd, Chief Executive',
        'u:Signature of Helen Ashworth, Police and Crime Commissioner for Kent',
      ]),
    );
    // Boxes are Spans read as "ticked" / "not ticked", not figures.
    const boxes = objectsOf(json)
      .filter((o) => typeof o['/ActualText'] === 'string')
      .map((o) => [o['/S'], o['/ActualText']]);
    expect(boxes).toContainEqual(['/Span', 'u:ticked']);
    expect(boxes).toContainEqual(['/Span', 'u:not ticked']);
    expect(alts.some((alt) => /ticked/.test(alt))).toBe(false);

    const structure = squash(await pdfinfo(archive, '-struct-text'));
    expectInOrder(structure, [
      'H1 (block) NonStruct "Record of Decision"',
      'H2 (block) "" NonStruct "EXECUTIVE SUMMARY"',
      'L (block)',
      'LI (block)',
      'H2 (block) "" NonStruct "RECOMMENDATION"',
      'L (block): /ListNumbering /Decimal',
      'H2 (block) "" NonStruct "DECISION"',
      'H2 (block) NonStruct "Chief Finance Officer:"',
      'Figure',
      'H2 (block) NonStruct "IMPACT ASSESSMENT:"',
      'Table (block)',
      'TH',
      '/Scope /Row',
      '"Has an Equality Impact Assessment beencompleted?"',
      'TD',
      'H1 (block) NonStruct "Record of signing"',
      'TH',
      '/Scope /Column',
    ]);
  });

  it('marks the header and footer as artifacts, not in the structure', async () => {
    for (const bytes of [archive, publicText, longArchive]) {
      const structure = await pdfinfo(bytes, '-struct-text');
      expect(structure).not.toMatch(/Page \d+ of \d+/);
      expect(structure).not.toContain('"OFFICIAL"');
      // Still printed on every page.
      expect(await pdfText(bytes)).toMatch(/Page 1 of \d+/);
      expect((await qdf(bytes)).includes('/Artifact <</Type /Pagination>> BDC')).toBe(true);
    }
  });

  it('has a bookmark per section, and role-maps the PDF 2.0 Strong and Em', async () => {
    const json = await qpdfJson(archive);
    const [form, signing] = json.outlines;
    expect(form!.title).toBe('Record of Decision');
    expect(form!.kids.map((kid) => kid.title)).toEqual([
      'EXECUTIVE SUMMARY',
      'RECOMMENDATION',
      'DECISION',
      'Chief Finance Officer',
      'Chief Executive',
      'POLICE AND CRIME COMMISSIONER FOR KENT',
      'BACKGROUND DOCUMENTS',
      'IMPACT ASSESSMENT',
    ]);
    expect(signing!.title).toBe('Record of signing');
    const root = objectsOf(json).find((o) => o['/Type'] === '/StructTreeRoot')!;
    expect(root['/RoleMap']).toEqual({ '/Strong': '/Span', '/Em': '/Span' });
    const catalog = catalogOf(json);
    expect(catalog['/Lang']).toBe('u:en-GB');
    expect(catalog['/MarkInfo']).toMatchObject({ '/Marked': true });
    expect(catalog['/ViewerPreferences']).toMatchObject({ '/DisplayDocTitle': true });
  });

  it('makes the archive PDF/A-3b: XMP, sRGB output intent, 1.7, trailer ID, record.json as its source in /AF', async () => {
    const bytes = await qdf(archive);
    expect(bytes.startsWith('%PDF-1.7')).toBe(true);
    expect(bytes.includes('<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>')).toBe(true);
    expect(bytes.includes('<pdfuaid:part>1</pdfuaid:part>')).toBe(true);
    expect(bytes.includes('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>')).toBe(true);
    expect(
      bytes.includes(
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces</rdf:li></rdf:Alt></dc:title>',
      ),
    ).toBe(true);
    // The trailer of the file as saved (qpdf writes its own).
    expect(Buffer.from(archive).toString('latin1').slice(-400)).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);

    const json = await qpdfJson(archive);
    const objects = objectsOf(json);
    const catalog = catalogOf(json);
    const resolve = (ref: unknown) => json.qpdf[1][`obj:${String(ref)}`]!;
    const [intentRef] = catalog['/OutputIntents'] as string[];
    const intent = resolve(intentRef).value!;
    expect(intent).toMatchObject({ '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
    expect(resolve(intent['/DestOutputProfile']).stream!.dict['/N']).toBe(3);
    // The profile itself, uncompressed by qpdf: the shipped bytes.
    expect(bytes.includes(Buffer.from(srgbProfile()).toString('latin1'))).toBe(true);

    const spec = objects.find((o) => o['/Type'] === '/Filespec' && o['/UF'] === 'u:record.json')!;
    expect(spec['/AFRelationship']).toBe('/Source');
    expect((catalog['/AF'] as string[]).map((ref) => resolve(ref).value!['/UF'])).toContain('u:record.json');
    const [attachment] = await pdfAttachments(archive);
    expect(attachment).toMatchObject({ name: 'record.json', mimeType: 'application/json', relationship: 'Source' });
    expect(JSON.parse(new TextDecoder().decode(attachment!.bytes))).toEqual(record);
  });

  it('ships the sRGB profile it embeds, the same bytes as resources/icc/sRGB.icc', () => {
    const file = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/icc/sRGB.icc'));
    expect(Buffer.from(srgbProfile()).equals(file)).toBe(true);
    // An ICC profile of an RGB display device.
    expect(file.subarray(12, 20).toString('latin1')).toBe('mntrRGB ');
  });

  it('leaves out of the public copy the attachments, the record of signing, strokes, devices, ids and internal status', async () => {
    for (const bytes of [publicImage, publicText]) {
      const json = await qpdfJson(bytes);
      const catalog = catalogOf(json);
      expect(catalog['/AF']).toBeUndefined();
      expect(catalog['/Names']).toBeUndefined();
      expect(await pdfAttachments(bytes)).toEqual([]);
      const raw = await qdf(bytes);
      expect(raw.includes('EmbeddedFiles'), 'EmbeddedFiles').toBe(false);
      expect(raw.includes('Surface Pro'), 'Surface Pro').toBe(false);
      expect(raw.includes('pressure'), 'pressure').toBe(false);
      expect(raw.includes(record.id), record.id).toBe(false);
      expect(raw.includes('Keywords'), 'Keywords').toBe(false);
      expect(raw.includes('pdfaid'), 'pdfaid').toBe(false);
      expect(raw.includes('<pdfuaid:part>1</pdfuaid:part>'), '<pdfuaid:part>1</pdfuaid:part>').toBe(true);
      const text = await pdfText(bytes);
      expect(text).not.toContain('Record of signing');
      expect(text).not.toContain(record.contentHash);
      const info = await pdfinfo(bytes);
      expect(info).toMatch(/^Title:\s+Record of Decision OPCC.D.021.25: Joint Victim/m);
      expect(info).toMatch(/^Author:\s+Office of the Police and Crime Commissioner for Kent$/m);
      expect(info).toMatch(/^Subject:\s+OPCC.D.021.25$/m);
      expect(info).not.toMatch(/^Keywords:/m);
    }
  });

  it('says why a public copy cannot be verified: it carries no record.json, the archive copy does', async () => {
    await expect(readRecordFile(publicImage)).rejects.toThrow(
      /it is a public copy .*check the office\u2019s archive copy/,
    );
    expect(await readRecordFile(archive)).toMatchObject({ id: record.id });
  });

  it('shows signatures on the public copy as drawn, or as words when the office says text, and comments only when published', async () => {
    const imageJson = await qpdfJson(publicImage);
    const figures = objectsOf(imageJson)
      .filter((o) => o['/S'] === '/Figure')
      .map((o) => o['/Alt']);
    expect(figures).toContain('u:Signature of Priya Raman, Chief Finance Officer');
    expect(squash(await pdfText(publicImage))).toContain('Affordable within the victims grant');

    const textJson = await qpdfJson(publicText);
    expect(
      objectsOf(textJson)
        .filter((o) => o['/S'] === '/Figure')
        .map((o) => o['/Alt']),
    ).toEqual(['u:Office of the Police and Crime Commissioner for Kent']);
    // The logo is the only image left.
    expect(
      objectsOf(textJson).filter(
        (o) => o['/Subtype'] === '/Image' && o['/SMask'] === undefined && o['/Width'] !== undefined,
      ).length,
    ).toBeLessThanOrEqual(1);
    const text = squash(await pdfText(publicText));
    expectInOrder(text, [
      'Signed electronically by Priya Raman, Chief Finance Officer, 17 June 2025',
      'Signed electronically by Gareth Lloyd, Chief Executive, 18 June 2025',
      'Signed electronically by Helen Ashworth, Police and Crime Commissioner for Kent, 19 June 2025',
    ]);
    expect(text).not.toContain('Comments:');
    expect(text).not.toContain('Affordable within the victims grant');
  });

  it('prints a paper signature on the public copy as words, never the scan', async () => {
    const paper = confidentialRecord();
    const open: DecisionRecord = {
      ...paper,
      classification: 'open',
      confidentialReason: '',
      // A scan of the signed paper: the archive keeps it, the public copy does not print it.
      signOffs: paper.signOffs.map((s) =>
        s.signature?.method === 'paper'
          ? { ...s, signature: { ...s.signature, image: signedRecord().signOffs[0]!.signature!.image } }
          : s,
      ),
    };
    const bytes = await exportPdf(open, template, engine, { ...meta, rendition: 'public' });
    const text = squash(await pdfText(bytes));
    expect(text).toContain('Signed on paper on 2 April 2025');
    const figures = objectsOf(await qpdfJson(bytes))
      .filter((o) => o['/S'] === '/Figure')
      .map((o) => o['/Alt']);
    expect(figures).not.toContain('u:Signature of Gareth Lloyd, Chief Executive');
    const archived = objectsOf(await qpdfJson(await exportPdf(open, template, engine, meta)))
      .filter((o) => o['/S'] === '/Figure')
      .map((o) => o['/Alt']);
    expect(archived).toContain('u:Signature of Gareth Lloyd, Chief Executive');
  }, 60_000);

  it('refuses a confidential record a public copy, before printing anything', async () => {
    const never: PdfEngine = { print: () => Promise.reject(new Error('printed')), close: async () => undefined };
    const settings = { template } as Settings;
    const db = openMemoryDatabase();
    await expect(publicPdf(db, confidentialRecord(), settings, never)).rejects.toThrow(NotAllowedError);
    await expect(publicPdf(db, confidentialRecord(), settings, never)).rejects.toThrow(
      'A confidential record has no public copy; the register shows its public summary.',
    );
  });

  it('names the public copy "(public)"', () => {
    expect(exportFileName(record, 'pdf', '(public)')).toBe(
      'OPCC.D.021.25 Joint Victim Support Service with Neighbouring Forces (public).pdf',
    );
    const long = exportFileName({ ...record, title: 'word '.repeat(40) }, 'pdf', '(public)');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith(' (public).pdf')).toBe(true);
  });
});

describe('wrapUntaggedAsArtifacts', () => {
  const wrap = (text: string) => {
    const out = wrapUntaggedAsArtifacts(new TextEncoder().encode(text), (name) => name === 'Im1');
    return out && new TextDecoder().decode(out);
  };

  it('wraps text, paths and images drawn outside marked content, and leaves tagged content alone', () => {
    expect(wrap('/P <</MCID 0>> BDC BT (a) Tj ET EMC BT <0032> Tj ET')).toBe(
      '/P <</MCID 0>> BDC BT (a) Tj ET EMC /Artifact <</Type /Pagination>> BDC\nBT <0032> Tj ET\nEMC',
    );
    expect(wrap('0 0 10 10 re f /Im1 Do /Fm1 Do')).toBe(
      '/Artifact <</Type /Background>> BDC\n0 0 10 10 re f\nEMC /Artifact <</Type /Background>> BDC\n/Im1 Do\nEMC /Fm1 Do',
    );
  });

  it('follows Chromium closing a tagged sequence late, after the header\u2019s graphics state is set', () => {
    expect(wrap('/NonStruct <</MCID 63>> BDC BT (x) Tj ET Q q 3 0 0 3 0 0 cm EMC BT (OFFICIAL) Tj ET')).toBe(
      '/NonStruct <</MCID 63>> BDC BT (x) Tj ET Q q 3 0 0 3 0 0 cm EMC /Artifact <</Type /Pagination>> BDC\nBT (OFFICIAL) Tj ET\nEMC',
    );
  });

  it('reads strings with parentheses, brackets and escapes as operands', () => {
    expect(wrap('BT [(a\\) BT) 5 (\\(b)] TJ ET')).toBe(
      '/Artifact <</Type /Pagination>> BDC\nBT [(a\\) BT) 5 (\\(b)] TJ ET\nEMC',
    );
  });

  it('leaves alone a stream it cannot wrap safely', () => {
    expect(wrap('BT /P <</MCID 1>> BDC (a) Tj EMC ET')).toBeNull();
    expect(wrap('BI /W 1 /H 1 ID x EI')).toBeNull();
  });
});
