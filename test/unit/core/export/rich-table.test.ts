// Tables and three-level lists in every export, each read back by an independent reader: the HTML form, the tagged
// PDF (pdfinfo's structure tree, pdftotext's layout), the .docx (python-docx, and LibreOffice converting it) and
// the contents check of internal text.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfEngine } from '../../../../electron/core/export/chromium-engine.ts';
import { internalTexts } from '../../../../electron/core/export/contents.ts';
import { exportDocx } from '../../../../electron/core/export/docx.ts';
import { renderRecordHtml, richTextHtml } from '../../../../electron/core/export/html.ts';
import { exportPdf } from '../../../../electron/core/export/pdf.ts';
import { serialiseRichText } from '../../../../electron/core/domain/markdown-write.ts';
import { fixtureTemplate, shortRecord } from '../../../fixtures/records/index.ts';
import { run, tempDir, unzipDocx, xmlPart } from './support.ts';

const SUMMARY = [
  'The costs compared:',
  '',
  '| Option | **Cost** | *Notes* |',
  '| --- | --: | :-: |',
  '| Lease \\| renew | £12,000 | **preferred** |',
  '| Buy outright | £140,000 | *capital* bid |',
  '',
  '- fleet',
  '  1. north',
  '     - Maidstone depot',
  '  1. south',
  '- parts',
].join('\n');

/** Text that looks like markup, one a line, stored as the writer writes it: every export prints it as typed. */
const LOOKALIKES = [
  '# x',
  '> x',
  '+ x',
  '2018. was',
  '---',
  'a_b_c',
  '_x_',
  '`code`',
  '[a](b)',
  '<b>',
  '&amp;',
  '~~x~~',
  'a | b',
];
const LOOKALIKE_TEXT = serialiseRichText([
  {
    kind: 'paragraph',
    content: LOOKALIKES.flatMap((line, i) => [
      ...(i ? [{ kind: 'break' as const }] : []),
      { kind: 'text' as const, text: line, bold: false, italic: false },
    ]),
  },
]);

const record = () => ({ ...shortRecord(), executiveSummary: SUMMARY, recommendation: LOOKALIKE_TEXT });
const template = fixtureTemplate();
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the HTML form', () => {
  it('prints a table with a header row of column header cells and a body', () => {
    const html = richTextHtml(SUMMARY);
    expect(html).toContain(
      '<table class="rich-table"><thead><tr><th scope="col" dir="ltr">Option</th><th scope="col" dir="ltr"><strong>Cost</strong></th><th scope="col" dir="ltr"><em>Notes</em></th></tr></thead><tbody><tr><td dir="ltr">Lease | renew</td>',
    );
    expect(html).toContain(
      '<ul><li dir="ltr">fleet<ol><li dir="ltr">north<ul><li dir="ltr">Maidstone depot</li></ul></li><li dir="ltr">south</li></ol></li><li dir="ltr">parts</li></ul>',
    );
    expect(renderRecordHtml(record(), template)).toContain('.rich-table thead { display: table-header-group; }');
  });
});

describe('the PDF', () => {
  const engine = new ChromiumPdfEngine();
  const dir = tempDir('rich-table');
  let file = '';
  beforeAll(async () => {
    file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, await exportPdf(record(), template, engine, { appVersion: '9.8.7' }));
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tags the table: Table, TR, TH for the header cells and TD for the rest', async () => {
    const { stdout } = await run('/usr/bin/pdfinfo', ['-struct-text', file], { maxBuffer: 64 * 1024 * 1024 });
    const structure = squash(stdout);
    expect(structure).toMatch(
      /Table .*TR .*TH .*"Option".*TH .*"Cost".*TH .*"Notes".*TR .*TD\b.*"Lease \| renew".*TD\b.*"£12,000"/,
    );
    expect(structure).toMatch(/L .*LI .*"fleet".*L .*LI .*"north".*L .*LI .*"Maidstone depot"/);
  });

  it('prints the cells in rows', async () => {
    const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const lines = stdout.split('\n').map(squash);
    expect(lines.some((line) => /Option\s+Cost\s+Notes/.test(line))).toBe(true);
    expect(lines.some((line) => /Lease \| renew\s+£12,000\s+preferred/.test(line))).toBe(true);
    expect(lines.some((line) => /Buy outright\s+£140,000\s+capital bid/.test(line))).toBe(true);
    // pdftotext drops the narrow space after "#", ">" and "+", so lines are compared without spaces.
    const bare = lines.map((line) => line.replace(/\s+/g, ''));
    for (const typed of LOOKALIKES) expect(bare, typed).toContain(typed.replace(/\s+/g, ''));
  });
});

describe('the .docx', () => {
  const dir = tempDir('rich-table-docx');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has a real Word table with a repeating header row, bold and italic runs, and lists at levels 0 to 2', async () => {
    const parts = unzipDocx(await exportDocx(record(), template));
    const document = xmlPart(parts, 'word/document.xml');
    const table = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?Lease \| renew[\s\S]*?<\/w:tbl>/.exec(document)?.[0] ?? '';
    expect(table).toContain('<w:tblHeader/>');
    // 5000 fiftieths of a percent: the whole width of the form's cell.
    expect(table).toContain('<w:tblW w:type="pct" w:w="5000"/>');
    expect(table).toMatch(/<w:insideV w:val="single"/);
    expect(document).toMatch(/<w:ilvl w:val="2"\/>[\s\S]*?Maidstone depot/);

    const file = path.join(dir, 'record.docx');
    fs.writeFileSync(file, await exportDocx(record(), template));
    const script = [
      'import docx, json, sys',
      'd = docx.Document(sys.argv[1])',
      'def tables(ts):',
      '    for t in ts:',
      '        yield t',
      '        for r in t.rows:',
      '            for c in r.cells: yield from tables(c.tables)',
      'found = [t for t in tables(d.tables) if t.rows and t.rows[0].cells[0].text == "Option"]',
      't = found[0]',
      'bold = [[run.text for run in p.runs if run.bold] for c in t.rows[0].cells for p in c.paragraphs]',
      'italic = [run.text for r in t.rows for c in r.cells for p in c.paragraphs for run in p.runs if run.italic]',
      'text = "\\n".join(p.text for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs)',
      'print(json.dumps({"rows": [[c.text for c in r.cells] for r in t.rows], "bold": bold, "italic": italic, "text": text}))',
    ].join('\n');
    const { stdout } = await run('/usr/bin/python3', ['-c', script, file]);
    const read = JSON.parse(stdout) as { rows: string[][]; bold: string[][]; italic: string[]; text: string };
    expect(read.rows).toEqual([
      ['Option', 'Cost', 'Notes'],
      ['Lease | renew', '£12,000', 'preferred'],
      ['Buy outright', '£140,000', 'capital bid'],
    ]);
    expect(read.bold).toEqual([['Option'], ['Cost'], ['Notes']]);
    expect(read.italic).toEqual(['Notes', 'capital']);
    expect(read.text).toContain(LOOKALIKES.join('\n'));
  });

  it('converts in LibreOffice with the cells in rows', async () => {
    const file = path.join(dir, 'lo.docx');
    fs.writeFileSync(file, await exportDocx(record(), template));
    await run(
      '/usr/bin/soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
      { timeout: 240_000 },
    );
    const { stdout } = await run('/usr/bin/pdftotext', ['-layout', path.join(dir, 'lo.pdf'), '-']);
    const lines = stdout.split('\n').map(squash);
    expect(lines.some((line) => /Option\s+Cost\s+Notes/.test(line))).toBe(true);
    expect(lines.some((line) => /Lease \| renew\s+£12,000\s+preferred/.test(line))).toBe(true);
    expect(stdout).toContain('Maidstone depot');
    // pdftotext drops the narrow space after "#", ">" and "+", so lines are compared without spaces.
    const bare = lines.map((line) => line.replace(/\s+/g, ''));
    for (const typed of LOOKALIKES) expect(bare, typed).toContain(typed.replace(/\s+/g, ''));
  }, 300_000);
});

describe('the contents check', () => {
  it('reads the text of every table cell of an internal section', () => {
    const withSection = {
      ...template,
      sections: [
        {
          id: 'notes',
          kind: 'rich-text' as const,
          label: 'Internal notes',
          internal: true,
          place: 'after-decision' as const,
        },
      ],
    };
    const texts = internalTexts(
      { sections: [{ id: 'notes', kind: 'rich-text', text: SUMMARY }] },
      withSection as unknown as typeof template,
    );
    expect(texts[0]?.pieces).toEqual(
      expect.arrayContaining([
        'Option',
        'Cost',
        'Notes',
        'Lease | renew',
        '£140,000',
        'capital bid',
        'Maidstone depot',
      ]),
    );
  });
});
