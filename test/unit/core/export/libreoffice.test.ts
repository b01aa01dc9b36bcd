// A second reader for the Word export: LibreOffice converts every fixture's .docx to PDF, with the form's text in it.

import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDocx } from '../../../../electron/core/export/docx.ts';
import { FIXTURES, templateWithLogo } from '../../../fixtures/records/index.ts';
import { pdfText, run, tempDir } from './support.ts';

const SOFFICE = '/usr/bin/soffice';

describe('the .docx in LibreOffice', () => {
  const dir = tempDir('soffice');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('converts every fixture to PDF', async () => {
    if (!fs.existsSync(SOFFICE)) throw new Error('LibreOffice is not installed: this check needs it (apt-get install libreoffice-writer).');
    const names = Object.keys(FIXTURES) as (keyof typeof FIXTURES)[];
    for (const name of names) fs.writeFileSync(path.join(dir, `${name}.docx`), await exportDocx(FIXTURES[name](), templateWithLogo()));
    // One run for all files: LibreOffice takes seconds to start. A private profile keeps it off the user's own.
    await run(
      SOFFICE,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => path.join(dir, `${n}.docx`))],
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
      for (const label of ['Record of Decision', 'EXECUTIVE SUMMARY', 'IMPACT ASSESSMENT:']) expect(text, name).toContain(label);
      expect(text, name).toContain(`Page 1 of ${pdf.getPageCount()}`);
      if (name !== 'hostile') expect(text, name).toContain(record.title);
    }
  }, 300_000);
});
