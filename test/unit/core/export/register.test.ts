// The decision register CSV: parses back as RFC 4180, opens in Excel as UTF-8, hides confidential titles, defuses formulas.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DecisionRecord,
  type OfficeTemplate,
  OfficeTemplateSchema,
  upgradeTemplate,
} from '../../../../electron/core/domain/index.ts';
import { csvCell, exportRegister, REGISTER_COLUMNS } from '../../../../electron/core/export/register.ts';
import {
  confidentialRecord,
  fixtureTemplate,
  HOSTILE,
  hostileRecord,
  longRecord,
  shortRecord,
  signedRecord,
} from '../../../fixtures/records/index.ts';

/** A strict RFC 4180 reader: CRLF between records, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (/["\r\n]/.test(field)) throw new Error(`bare quote or line break in unquoted field ${JSON.stringify(field)}`);
      i = end < 0 ? text.length : i + end;
    }
    row.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

const template = fixtureTemplate();
const records = () => [shortRecord(), confidentialRecord(), longRecord(), signedRecord(), hostileRecord()];

describe('exportRegister', () => {
  it('writes UTF-8 with a byte order mark and CRLF line ends, a header and one row per record', () => {
    const csv = exportRegister(records(), template);
    expect(csv.startsWith('\uFEFFReference,Title,Originator,Classification,Status,Decision date,Signatories\r\n')).toBe(
      true,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/)).toBeNull();
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...REGISTER_COLUMNS]);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toHaveLength(REGISTER_COLUMNS.length);
  });

  it('gives the decision date of the Commissioner\u2019s signature and who signed', () => {
    const [, row] = parseCsv(exportRegister([signedRecord()], template).slice(1));
    expect(row).toEqual([
      'OPCC.D.021.25',
      'Joint Victim Support Service with Neighbouring Forces',
      'Chief Executive',
      'Open',
      'Decided',
      '2025-06-19',
      'Chief Finance Officer: Priya Raman; Chief Executive: Gareth Lloyd; POLICE AND CRIME COMMISSIONER FOR KENT: Helen Ashworth',
    ]);
  });

  it('leaves the reference and decision date empty for a draft', () => {
    const [, row] = parseCsv(exportRegister([longRecord()], template).slice(1));
    expect(row).toEqual([
      '',
      'Regional Fleet Management Collaboration',
      'Head of Strategic Procurement',
      'Open',
      'Draft',
      '',
      '',
    ]);
  });

  it('shows a confidential record by its reference with "Confidential" for its title, unless full', () => {
    const [, hidden] = parseCsv(exportRegister([confidentialRecord()], template).slice(1));
    expect(hidden!.slice(0, 5)).toEqual([
      'OPCC.D.012.25',
      'Confidential',
      'Chief Finance Officer',
      'Confidential',
      'Awaiting signatures',
    ]);
    expect(hidden!.join('|')).not.toContain('Tribunal');
    const [, shown] = parseCsv(exportRegister([confidentialRecord()], template, { full: true }).slice(1));
    expect(shown![1]).toBe('Settlement of an Employment Tribunal Claim');
  });

  it('round-trips hostile titles: quotes, commas and line breaks, with formulas defused', () => {
    const record = hostileRecord();
    const [, row] = parseCsv(exportRegister([record], template).slice(1));
    expect(row![1]).toBe(`'${record.title}`);
    expect(record.title.startsWith(HOSTILE.formula)).toBe(true);
  });
});

describe('the register of a template with several decision makers and categories', () => {
  const shipped = (name: string): OfficeTemplate =>
    OfficeTemplateSchema.parse(
      upgradeTemplate(
        JSON.parse(
          fs.readFileSync(path.resolve(import.meta.dirname, `../../../../resources/templates/${name}.json`), 'utf8'),
        ),
      ),
    );
  const london = shipped('london');
  const asLondon = (record: DecisionRecord, extra: Partial<DecisionRecord>): DecisionRecord => ({
    ...record,
    template: 'london',
    signOffs: [],
    ...extra,
  });

  it('names the decision maker with their capacity and the category, by the labels of each record\u2019s own template', () => {
    // An earlier London version, whose Deputy Mayor and categories were named otherwise.
    const earlier: OfficeTemplate = {
      ...london,
      signatories: london.signatories.map((s) =>
        s.role === 'deputy-mayor' ? { ...s, label: 'Deputy Mayor (old title)', capacity: 'under delegation' } : s,
      ),
      categories: london.categories.map((c) => (c.id === 'precept' ? { ...c, label: 'Precept (old label)' } : c)),
    };
    const deputy = asLondon(shortRecord(), { decisionMaker: 'deputy-mayor', category: 'general' });
    const mayor = asLondon(longRecord(), { category: 'precept' });
    const old = asLondon(signedRecord(), { decisionMaker: 'deputy-mayor', category: 'precept', signOffs: [] });
    const csv = exportRegister([deputy, mayor, old], london, {
      templateOf: (record) => (record === old ? earlier : london),
    });
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'Reference',
      'Title',
      'Originator',
      'Classification',
      'Status',
      'Decision date',
      'Decision maker',
      'Category',
      'Signatories',
    ]);
    const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]);
    expect(column('Decision maker')).toEqual([
      "Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation",
      'MAYOR OF LONDON',
      'Deputy Mayor (old title), under delegation',
    ]);
    const label = (id: string) => london.categories.find((c) => c.id === id)!.label;
    expect(column('Category')).toEqual([label('general'), label('precept'), 'Precept (old label)']);
  });

  it('leaves a confidential record\u2019s category out unless full, like its title', () => {
    const record = asLondon(confidentialRecord(), { category: 'precept' });
    const label = london.categories.find((c) => c.id === 'precept')!.label;
    const [header, hidden] = parseCsv(exportRegister([record], london).slice(1));
    expect(hidden![header!.indexOf('Category')]).toBe('');
    expect(hidden![header!.indexOf('Decision maker')]).toBe('MAYOR OF LONDON');
    const [, shown] = parseCsv(exportRegister([record], london, { full: true }).slice(1));
    expect(shown![header!.indexOf('Category')]).toBe(label);
  });

  it('keeps the register of a template with one decision maker and no categories as it was', () => {
    expect(parseCsv(exportRegister([shortRecord()], template).slice(1))[0]).toEqual([...REGISTER_COLUMNS]);
  });
});

describe('csvCell', () => {
  it('puts an apostrophe before anything a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+44 1622', '-2', '@SUM(A1)', '\t=1', '\r=1'].map(csvCell)).toEqual([
      "'=1+1",
      "'+44 1622",
      "'-2",
      "'@SUM(A1)",
      "'\t=1",
      `"'\r=1"`,
    ]);
  });

  it.each([
    ['spaces before =', ' =1+1'],
    ['many spaces before =', '    =HYPERLINK("http://example.invalid")'],
    ['a tab before =', '\t=1+1'],
    ['a line feed before =', '\n=1+1'],
    ['a carriage return and line feed before =', '\r\n=1+1'],
    ['a no-break space before =', '\u00A0=1+1'],
    ['an ideographic space before =', '\u3000=1+1'],
    ['a space before +', ' +1'],
    ['a space before -', ' -1'],
    ['a space before @', ' @SUM(A1)'],
    ['a full-width =', '\uFF1D1+1'],
    ['a full-width +', '\uFF0B1'],
    ['a full-width -', '\uFF0D1'],
    ['a full-width @', '\uFF20SUM(A1)'],
    ['spaces before a full-width =', '  \uFF1D1+1'],
    ['a minus sign', '\u22121'],
    ['a bare tab', '\tplain'],
    ['a bare line feed', '\nplain'],
  ])('defuses a cell starting with %s', (_name, value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${value}`);
  });

  it('leaves text that only contains a formula character later alone', () => {
    expect(csvCell('Budget = 2025')).toBe('Budget = 2025');
    expect(csvCell('  indented text')).toBe('  indented text');
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "yes"')).toBe('"say ""yes"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });
});
