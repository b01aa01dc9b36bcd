// A second reader for the Word export: LibreOffice converts every fixture's .docx to PDF, with the form's text in it.

import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDocx } from '../../../../electron/core/export/docx.ts';
import { type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { FIXTURES, shortRecord, templateWithLogo } from '../../../fixtures/records/index.ts';
import { pdfText, run, tempDir } from './support.ts';

const SOFFICE = '/usr/bin/soffice';

describe('the .docx in LibreOffice', () => {
  const dir = tempDir('soffice');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('converts every fixture to PDF', async () => {
    if (!fs.existsSync(SOFFICE))
      throw new Error('LibreOffice is not installed: this check needs it (apt-get install libreoffice-writer).');
    const names = Object.keys(FIXTURES) as (keyof typeof FIXTURES)[];
    for (const name of names)
      fs.writeFileSync(path.join(dir, `${name}.docx`), await exportDocx(FIXTURES[name](), templateWithLogo()));
    // One run for all files: LibreOffice takes seconds to start. A private profile keeps it off the user's own.
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...names.map((n) => path.join(dir, `${n}.docx`)),
      ],
      { timeout: 240_000 },
    );
    for (const name of names) {
      const file = path.join(dir, `${name}.pdf`);
      expect(fs.existsSync(file), `${name}.pdf`).toBe(true);
      const bytes = fs.readFileSync(file);
      const pdf = await PDFDocument.load(bytes);
      const { width, height } = pdf.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)], name).toEqual([595, 842]);
      const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
      const record = FIXTURES[name]();
      for (const label of ['Record of Decision', 'EXECUTIVE SUMMARY', 'IMPACT ASSESSMENT:'])
        expect(text, name).toContain(label);
      expect(text, name).toContain(`Page 1 of ${pdf.getPageCount()}`);
      if (name !== 'hostile') expect(text, name).toContain(record.title);
    }
  }, 300_000);

  it('never splits an impact question row across pages, wherever the summary pushes it', async () => {
    // Each file's summary is a little longer than the one before, so that across them the questions cross a page end.
    const STEPS = 48;
    const filler = 'The office compared the terms offered with those of similar leases in the county. ';
    const records: DecisionRecord[] = Array.from({ length: STEPS }, (_, i) => {
      const record = shortRecord();
      // About a line and a fifth more each time: finer than a two-line row, and over the steps more than a page.
      return {
        ...record,
        executiveSummary: `${record.executiveSummary}\n\n${filler
          .repeat(80)
          .slice(0, 400 + i * 110)
          .trim()}`,
      };
    });
    const names = records.map((_, i) => `split-${String(i).padStart(2, '0')}`);
    for (const [i, record] of records.entries())
      fs.writeFileSync(path.join(dir, `${names[i]}.docx`), await exportDocx(record, templateWithLogo()));
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...names.map((n) => path.join(dir, `${n}.docx`)),
      ],
      { timeout: 600_000 },
    );
    // The first and last words of each line of a question row, and of its answer.
    const ROWS = {
      plan: ['Police and Crime Plan', 'recommendation supports', 'Supports visible', 'in the town centre.'],
      equality: ['Has an Equality', 'been completed?', '(If yes, please', 'background documents)'],
      diversity: ['Will the decision have', 'pregnancy/maternity)', 'The renewal keeps', 'to the public.'],
    };
    const pagesOfRows: Record<string, Set<number>> = { plan: new Set(), equality: new Set(), diversity: new Set() };
    for (const name of names) {
      const file = path.join(dir, `${name}.pdf`);
      const count = (await PDFDocument.load(fs.readFileSync(file))).getPageCount();
      const pages: string[] = [];
      for (let page = 1; page <= count; page++) {
        const { stdout } = await run('/usr/bin/pdftotext', [
          '-enc',
          'UTF-8',
          '-f',
          String(page),
          '-l',
          String(page),
          file,
          '-',
        ]);
        pages.push(stdout.replace(/\s+/g, ' '));
      }
      for (const [row, fragments] of Object.entries(ROWS)) {
        const onPages = fragments.map((fragment) => pages.findIndex((text) => text.includes(fragment)) + 1);
        expect(
          onPages.every((page) => page > 0),
          `${name}: ${row} ${JSON.stringify(fragments)} on pages ${onPages}`,
        ).toBe(true);
        expect(new Set(onPages).size, `${name}: the ${row} row is split across pages ${onPages}`).toBe(1);
        pagesOfRows[row]!.add(onPages[0]!);
      }
    }
    // The lengths were enough to push every question onto the next page at some point.
    for (const [row, pages] of Object.entries(pagesOfRows)) expect(pages.size, row).toBeGreaterThan(1);
  }, 600_000);
});
