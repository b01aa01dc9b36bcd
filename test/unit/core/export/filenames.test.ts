// Export file names: reference and title, safe on Windows, OneDrive and SharePoint whatever the title holds.

import { describe, expect, it } from 'vitest';
import { exportFileName, MAX_FILE_NAME } from '../../../../electron/core/export/filenames.ts';
import { HOSTILE, hostileRecord, longRecord, shortRecord } from '../../../fixtures/records/index.ts';

const ID = '5a8e21c4-93f7-4d06-b1a2-7e4c3f9d8a60';
const named = (title: string, reference: string | null = 'OPCC.D.021.18') => ({ id: ID, reference, title });

/** What Windows refuses in a file name. */
function expectWindowsSafe(name: string): void {
  expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001F]/);
  expect(name).not.toMatch(/[. ]$/);
  expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME);
  expect(name.split('.')[0]!.trim()).not.toMatch(/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i);
  expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

describe('exportFileName', () => {
  it('joins the reference and the title', () => {
    expect(exportFileName(named('7F Single Procurement Function'), 'docx')).toBe(
      'OPCC.D.021.18 7F Single Procurement Function.docx',
    );
    expect(exportFileName(shortRecord(), '.pdf')).toBe(
      'OPCC.D.007.25 Renewal of the Lease on the Ashford Neighbourhood Office.pdf',
    );
  });

  it('names a draft by the start of its id', () => {
    expect(exportFileName(longRecord(), 'docx')).toBe('Draft 5a8e21c4 Regional Fleet Management Collaboration.docx');
    expect(exportFileName(named('', null), 'pdf')).toBe('Draft 5a8e21c4.pdf');
  });

  it('replaces separators and drops the other reserved characters and controls', () => {
    expect(exportFileName(named('Budget: 2025/26 <final> "v2" | draft? *'), 'docx')).toBe(
      'OPCC.D.021.18 Budget- 2025-26 final v2 - draft.docx',
    );
    expect(exportFileName(named('a\\b\u0007c\td'), 'pdf')).toBe('OPCC.D.021.18 a-b c d.pdf');
    expect(exportFileName(named('x', 'OPCC/D/021/18'), 'pdf')).toBe('OPCC-D-021-18 x.pdf');
  });

  it('drops the bidirectional overrides that can disguise an extension', () => {
    expect(exportFileName(named('invoice\u202Efdp.exe'), 'docx')).toBe('OPCC.D.021.18 invoice fdp.exe.docx');
  });

  it('never ends the name in a dot or a space, and never starts it with one', () => {
    expect(exportFileName(named('Ends with dots...  '), 'pdf')).toBe('OPCC.D.021.18 Ends with dots.pdf');
    expect(exportFileName(named('...', null), 'pdf')).toBe('Draft 5a8e21c4.pdf');
  });

  it('steers clear of the device names Windows reserves', () => {
    for (const reference of ['CON', 'con', 'NUL', 'COM1', 'LPT9', 'AUX', 'PRN', 'COM0']) {
      const name = exportFileName(named('', reference), 'docx');
      expect(name).toBe(`_${reference}.docx`);
      expectWindowsSafe(name);
    }
    expect(exportFileName(named('Report', 'CON'), 'docx')).toBe('CON Report.docx');
  });

  it('keeps names to 100 characters, cut at a word and never inside a character', () => {
    const long = exportFileName(named('Procurement '.repeat(20)), 'docx');
    expect(long.length).toBeLessThanOrEqual(MAX_FILE_NAME);
    expect(long).toMatch(/^OPCC\.D\.021\.18 (Procurement )+Procurement\.docx$/);
    const emoji = exportFileName(named('🚓'.repeat(60)), 'pdf');
    expectWindowsSafe(emoji);
    const unbroken = exportFileName(named('x'.repeat(300)), 'pdf');
    expect(unbroken.length).toBe(MAX_FILE_NAME);
  });

  it('makes a safe name of the hostile title', () => {
    const name = exportFileName(hostileRecord(), 'docx');
    expectWindowsSafe(name);
    expect(name.startsWith('OPCC.D.099.25 =HYPERLINK(')).toBe(true);
    expect(name).not.toContain(HOSTILE.script);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('normalises to NFC, so the same title always gives the same name', () => {
    expect(exportFileName(named('Caerdydd ŵ'.normalize('NFD')), 'pdf')).toBe(
      exportFileName(named('Caerdydd ŵ'), 'pdf'),
    );
  });
});
