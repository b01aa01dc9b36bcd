// The Word export, unzipped and parsed back: well-formed parts, the form in order, boxes, lists, images, properties.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocx } from '../../../../electron/core/export/docx.ts';
import {
  confidentialRecord,
  FIXTURES,
  fixtureTemplate,
  HOSTILE,
  hostileRecord,
  longRecord,
  shortRecord,
  signedRecord,
  templateWithLogo,
} from '../../../fixtures/records/index.ts';
import { customProperties, docxParagraphs, tempDir, unzipDocx, xmlPart, xmlProblem } from './support.ts';

const template = fixtureTemplate();

async function docxOf(record = shortRecord(), officeTemplate = template) {
  const parts = unzipDocx(await exportDocx(record, officeTemplate));
  const document = xmlPart(parts, 'word/document.xml');
  return { parts, document, paragraphs: docxParagraphs(document), lines: docxParagraphs(document).map((p) => p.text) };
}

/** Asserts that each expected line is found, in this order, among the document's paragraphs. */
function expectInOrder(lines: string[], expected: string[]): void {
  let from = 0;
  for (const want of expected) {
    const at = lines.findIndex((line, i) => i >= from && line.includes(want));
    expect(at, `"${want}" after paragraph ${from} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(from);
    from = at + 1;
  }
}

describe('exportDocx', () => {
  it.each(Object.keys(FIXTURES))('writes only well-formed XML parts for the %s record', async (name) => {
    const { parts } = await docxOf(FIXTURES[name as keyof typeof FIXTURES](), templateWithLogo());
    const xmlParts = [...parts.keys()].filter((part) => /\.(xml|rels)$/.test(part));
    expect(xmlParts).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/numbering.xml', 'docProps/custom.xml']),
    );
    for (const part of xmlParts) expect(xmlProblem(strFromU8(parts.get(part)!)), part).toBeNull();
  });

  it('prints the form of TEMPLATE.md in order, labels and values', async () => {
    const { lines } = await docxOf();
    expectInOrder(lines, [
      'Record of Decision',
      'ORIGINATOR: Head of Estates',
      'REFERENCE: OPCC.D.007.25',
      'TITLE: Renewal of the Lease on the Ashford Neighbourhood Office',
      'OPEN \u2612    CONFIDENTIAL \u2610',
      'Reason if Confidential:',
      'EXECUTIVE SUMMARY',
      'The lease on the Ashford neighbourhood office ends on 31 May 2025.',
      'No suitable alternative premises',
      'RECOMMENDATION',
      'The PCC is recommended to approve',
      'DECISION',
      'To approve a five-year renewal',
      'Chief Finance Officer:',
      'Comments:',
      'Signature:',
      'Name: Priya Raman',
      'Date: ____',
      'Chief Executive:',
      'Name: Gareth Lloyd',
      'POLICE AND CRIME COMMISSIONER FOR KENT:',
      'Name: Helen Ashworth',
      'BACKGROUND DOCUMENTS:',
      'Estates options appraisal, February 2025',
      'IMPACT ASSESSMENT:',
      'Police and Crime Plan (please indicate which objectives decision/recommendation supports)',
      'Supports visible neighbourhood policing',
      'Has an Equality Impact Assessment been completed?',
      'Yes \u2610    No \u2612',
      '(If yes, please include within background documents)',
      'Will the decision have a differential/adverse impact',
      'Yes \u2610    No \u2612',
      'The renewal keeps an existing arrangement',
    ]);
  });

  it('ticks Confidential and prints the reason for a confidential record', async () => {
    const { lines } = await docxOf(confidentialRecord());
    expectInOrder(lines, [
      'OPEN \u2610    CONFIDENTIAL \u2612',
      'Reason if Confidential: The record contains personal information',
    ]);
  });

  it('ticks neither box of a question not yet answered, and prints the draft placeholder for a missing reference', async () => {
    const { lines, parts } = await docxOf(longRecord());
    expect(lines.filter((line) => line === 'Yes \u2610    No \u2610')).toHaveLength(2);
    expect(lines).toContain('REFERENCE: Draft \u2013 no reference yet');
    expect(xmlPart(parts, 'word/footer1.xml')).toContain('Draft \u2013 no reference yet \u00b7 Page ');
  });

  it('writes the checkboxes as static glyphs, not content controls', async () => {
    const { document } = await docxOf();
    expect(document).not.toContain('<w:sdt');
    expect(document).toMatch(
      /<w:rFonts w:ascii="Segoe UI Symbol"[^>]*w:eastAsia="MS Gothic"[^>]*\/><\/w:rPr><w:t[^>]*>\u2612<\/w:t>/,
    );
  });

  it('makes list items real Word numbering, each list starting again from 1', async () => {
    const { paragraphs, parts, document } = await docxOf(longRecord());
    const items = paragraphs.filter((p) => p.listItem).map((p) => p.text);
    expect(items).toContain('a single regional specification for response cars, with one approved supplier;');
    expect(items).toContain('first in the north of the region, where three workshops are within twenty miles;');
    expect(items).toContain('Vehicle purchase: £1.2 million a year from aggregated orders.');
    expect(paragraphs.find((p) => p.text.startsWith('The review recommended'))?.listItem).toBe(false);
    // Five rounds of a bullet list, its nested numbered list and a numbered list, then the recommendation's list.
    const numIds = new Set([...document.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
    expect(numIds.size).toBe(16);
    const numbering = xmlPart(parts, 'word/numbering.xml');
    // docx adds a default definition of its own to the two of the export (bullets and numbers, a level per depth).
    expect(numbering.match(/<w:abstractNum /g)?.length).toBeGreaterThanOrEqual(3);
    expect(numbering).toContain('<w:lvl w:ilvl="2"');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
  });

  it('keeps bold and italic runs', async () => {
    const { document } = await docxOf(signedRecord());
    expect(document).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">same offer<\/w:t>/);
    expect(document).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">£180,000 a year<\/w:t>/);
  });

  it('embeds each drawn signature as a PNG with alternative text, and the logo', async () => {
    const { parts, document, lines } = await docxOf(signedRecord(), templateWithLogo());
    const media = [...parts.keys()].filter((part) => part.startsWith('word/media/'));
    expect(media).toHaveLength(4);
    for (const name of ['Priya Raman', 'Gareth Lloyd', 'Helen Ashworth']) {
      expect(document).toContain(`descr="Signature of ${name}"`);
    }
    expect(document).toContain('descr="Office of the Police and Crime Commissioner for Kent"');
    expectInOrder(lines, ['Date: 17 June 2025', 'Date: 18 June 2025', 'Date: 19 June 2025']);
  });

  it('prints "Signed on paper" for a paper signature without a scan', async () => {
    const { lines } = await docxOf(confidentialRecord());
    expectInOrder(lines, ['Chief Executive:', 'Signed on paper', 'Name: Gareth Lloyd', 'Date: 2 April 2025']);
  });

  it('lays out A4 with 2 cm margins and a fixed two-column grid whose cells carry their widths', async () => {
    const { document } = await docxOf();
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(document).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    expect(document).toContain('<w:tblLayout w:type="fixed"/>');
    expect(document).toContain('<w:tblGrid><w:gridCol w:w="4819"/><w:gridCol w:w="4819"/></w:tblGrid>');
    expect(document).toContain('<w:tcW w:type="dxa" w:w="9638"/>');
    expect(document).not.toMatch(/<w:tcW w:type="(auto|pct)"/);
  });

  it('keeps each section label with the text below it', async () => {
    const { document } = await docxOf();
    expect(document).toMatch(
      /<w:pStyle w:val="Heading2"\/><w:keepNext\/><\/w:pPr><w:r><w:t xml:space="preserve">EXECUTIVE SUMMARY<\/w:t>/,
    );
  });

  it('puts the marking in the header, and the reference with Page N of M fields in the footer', async () => {
    const { parts } = await docxOf(signedRecord());
    expect(docxParagraphs(xmlPart(parts, 'word/header1.xml')).map((p) => p.text)).toEqual(['OFFICIAL']);
    const footer = xmlPart(parts, 'word/footer1.xml');
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(docxParagraphs(footer).map((p) => p.text)).toEqual(['OFFICIAL', 'OPCC.D.021.25 \u00b7 Page  of ']);
  });

  it('marks a confidential record with the confidential marking, and prints nothing for NONE', async () => {
    const confidential = await docxOf(confidentialRecord());
    expect(docxParagraphs(xmlPart(confidential.parts, 'word/header1.xml')).map((p) => p.text)).toEqual([
      'OFFICIAL-SENSITIVE',
    ]);
    const unmarked = await docxOf(shortRecord(), { ...template, protectiveMarking: 'NONE' });
    expect(docxParagraphs(xmlPart(unmarked.parts, 'word/header1.xml')).map((p) => p.text)).toEqual(['']);
  });

  it('sets Arial 11 pt as the document default', async () => {
    const { parts } = await docxOf();
    expect(xmlPart(parts, 'word/styles.xml')).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"[^>]*\/><w:sz w:val="22"\/>/,
    );
  });

  it('writes the title, subject (reference) and creator, and the record id, revision and content hash', async () => {
    const record = signedRecord();
    const { parts } = await docxOf(record);
    const core = xmlPart(parts, 'docProps/core.xml');
    expect(core).toContain(
      '<dc:title>Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces</dc:title>',
    );
    expect(core).toContain('<dc:subject>OPCC.D.021.25</dc:subject>');
    expect(core).toContain('<dc:creator>Office of the Police and Crime Commissioner for Kent</dc:creator>');
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(customProperties(xmlPart(parts, 'docProps/custom.xml'))).toEqual({
      RecordId: record.id,
      Revision: String(record.revision),
      ContentHash: record.contentHash,
    });
  });

  it('writes the same document for the same record, apart from its creation time and drawing ids', async () => {
    // docx numbers drawings with a counter that runs across documents.
    const normalise = (parts: Map<string, Uint8Array>) =>
      Object.fromEntries(
        [...parts].map(([name, bytes]) => [
          name,
          strFromU8(bytes)
            .replace(/<dcterms:(created|modified)[^<]*</g, '<dcterms:$1 DATE<')
            .replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="ID"'),
        ]),
      );
    const first = normalise((await docxOf(signedRecord())).parts);
    const second = normalise((await docxOf(signedRecord())).parts);
    expect(second).toEqual(first);
  });

  describe('language, headings and page breaks', () => {
    const PYTHON = '/usr/bin/python3';
    type Node = Record<string, unknown>;
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      trimValues: false,
    });
    /** Every element named `tag` in a parsed part, with its children and attributes. */
    function elements(
      nodes: Node[],
      tag: string,
      found: { children: Node[]; attributes: Record<string, string> }[] = [],
    ) {
      for (const node of nodes) {
        for (const [name, value] of Object.entries(node)) {
          if (name === ':@' || !Array.isArray(value)) continue;
          if (name === tag)
            found.push({ children: value as Node[], attributes: (node[':@'] ?? {}) as Record<string, string> });
          elements(value as Node[], tag, found);
        }
      }
      return found;
    }
    /** The text of the w:t runs under the nodes, paragraphs on their own lines. */
    const textOf = (nodes: Node[]): string =>
      nodes
        .map((node) =>
          Object.entries(node)
            .map(([name, value]) =>
              name === '#text'
                ? String(value)
                : Array.isArray(value)
                  ? textOf(value as Node[]) + (name === 'w:p' ? '\n' : '')
                  : '',
            )
            .join(''),
        )
        .join('');

    it('reads back in python-docx with the language, the office as author, and the labels as headings', async () => {
      const dir = tempDir('python-docx');
      try {
        const file = path.join(dir, 'record.docx');
        fs.writeFileSync(file, await exportDocx(signedRecord(), templateWithLogo()));
        const script = [
          'import docx, json, sys',
          'd = docx.Document(sys.argv[1])',
          'seen = []',
          'for p in d.paragraphs + [p for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs]:',
          '    if p.style.name.startswith("Heading") and (p.style.name, p.text) not in seen: seen.append((p.style.name, p.text))',
          'print(json.dumps({"language": d.core_properties.language, "author": d.core_properties.author, "title": d.core_properties.title, "headings": seen}))',
        ].join('\n');
        const { stdout } = await promisify(execFile)(PYTHON, ['-c', script, file]);
        const read = JSON.parse(stdout) as {
          language: string;
          author: string;
          title: string;
          headings: [string, string][];
        };
        expect(read.language).toBe('en-GB');
        expect(read.author).toBe('Office of the Police and Crime Commissioner for Kent');
        expect(read.title).toBe(
          'Record of Decision OPCC.D.021.25: Joint Victim Support Service with Neighbouring Forces',
        );
        expect(read.headings.map(([style, text]) => [style, text.trim()])).toEqual([
          ['Heading 1', 'Record of Decision'],
          ['Heading 2', 'EXECUTIVE SUMMARY'],
          ['Heading 2', 'RECOMMENDATION'],
          ['Heading 2', 'DECISION'],
          ['Heading 2', 'Chief Finance Officer:'],
          ['Heading 2', 'Chief Executive:'],
          ['Heading 2', 'POLICE AND CRIME COMMISSIONER FOR KENT:'],
          ['Heading 2', 'BACKGROUND DOCUMENTS:'],
          ['Heading 2', 'IMPACT ASSESSMENT:'],
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('sets en-GB as the default language, and headings that look like the bold labels they were', async () => {
      const { parts } = await docxOf();
      const styles = parser.parse(xmlPart(parts, 'word/styles.xml')) as Node[];
      const [defaults] = elements(elements(styles, 'w:rPrDefault'), 'w:lang');
      expect(defaults?.attributes).toEqual({ 'w:val': 'en-GB' });
      const heading = (id: string) =>
        xmlPart(parts, 'word/styles.xml').match(
          new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">.*?</w:style>`),
        )?.[0] ?? '';
      for (const [id, size] of [
        ['Heading1', 40],
        ['Heading2', 22],
      ] as const) {
        expect(heading(id)).toContain('<w:b/>');
        expect(heading(id)).toContain('<w:color w:val="000000"/>');
        expect(heading(id)).toContain(`<w:sz w:val="${size}"/>`);
        expect(heading(id)).toContain('<w:rFonts w:ascii="Arial"');
        expect(heading(id)).toMatch(/<w:spacing w:after="0" w:before="0"/);
      }
    });

    it('turns on widow and orphan control for the paragraphs of the long sections', async () => {
      const { document } = await docxOf(longRecord());
      const paragraphs = elements(parser.parse(document) as Node[], 'w:p');
      const body = paragraphs.filter((p) => textOf(p.children).startsWith('The review recommended'));
      expect(body.length).toBeGreaterThan(0);
      for (const p of body) expect(elements(p.children, 'w:widowControl')).toHaveLength(1);
    });

    it("keeps every row of the form on one page, except the rows holding a long section's text", async () => {
      const record = longRecord();
      const { document } = await docxOf(record);
      const rows = elements(parser.parse(document) as Node[], 'w:tr').map((row) => ({
        text: textOf(row.children),
        cantSplit: elements(row.children, 'w:cantSplit').length === 1,
      }));
      const splittable = rows.filter((row) => !row.cantSplit).map((row) => row.text.slice(0, 30));
      // The masthead, the summary, the recommendation and the decision.
      expect(splittable).toHaveLength(4);
      for (const question of [
        'Police and Crime Plan',
        'Has an Equality Impact Assessment',
        'Will the decision have',
        'ORIGINATOR:',
        'OPEN ',
        'BACKGROUND DOCUMENTS:',
      ]) {
        expect(rows.find((row) => row.text.startsWith(question))?.cantSplit, question).toBe(true);
      }
    });
  });

  describe('hostile text', () => {
    it('keeps markup, XML, entities, emoji, Welsh and right-to-left text as text', async () => {
      const record = hostileRecord();
      const { lines, document } = await docxOf(record);
      expect(xmlProblem(document)).toBeNull();
      const title = lines.find((line) => line.startsWith('TITLE: '));
      expect(title).toBe(`TITLE: ${record.title}`);
      expect(title).toContain(HOSTILE.xml);
      expect(title).toContain(HOSTILE.script);
      expect(title).toContain(HOSTILE.entity);
      expect(title).toContain(HOSTILE.emoji);
      expect(lines).toContain(HOSTILE.welsh);
      expect(document).toContain('&lt;/w:t&gt;');
      // The cleaning rule took the controls out at the boundary; none reached the file.
      expect(document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    });

    it('writes right-to-left paragraphs as bidirectional', async () => {
      const { document } = await docxOf(hostileRecord());
      expect(document).toMatch(
        /<w:bidi\/><w:spacing w:after="120"\/><\/w:pPr><w:r><w:rPr><w:rtl\/><\/w:rPr><w:t xml:space="preserve">قرار مفوض الشرطة/,
      );
    });

    it('exports the 200,000-character executive summary whole', async () => {
      const record = hostileRecord();
      const { lines } = await docxOf(record);
      const start = lines.indexOf('EXECUTIVE SUMMARY');
      const end = lines.indexOf('RECOMMENDATION');
      const summary = lines.slice(start + 1, end).join('');
      // Compared without the list markers, emphasis stars and white space, which Word holds as formatting.
      const expected = record.executiveSummary.replace(/^(- |\s+1\. )/gm, '');
      expect(summary.replace(/[\s*]/g, '')).toBe(expected.replace(/[\s*]/g, ''));
    });
  });
});
