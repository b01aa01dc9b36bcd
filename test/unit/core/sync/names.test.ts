// Names on the share: Windows and OneDrive rules, safe segments, temporary files, conflict copies, layout names.

import { describe, expect, it } from 'vitest';
import {
  bundleFolder,
  claimFile,
  parseClaimName,
  parsePendingName,
  pendingFile,
} from '../../../../electron/core/sync/layout.ts';
import {
  asciiToken,
  isIgnored,
  looksLikeConflictCopy,
  safeSegment,
  temporaryName,
  unsafeNameReason,
} from '../../../../electron/core/sync/names.ts';

describe('names on the share', () => {
  it('refuses what Windows or OneDrive refuse, and accepts ordinary names', () => {
    for (const name of [
      'a<b',
      'a>b',
      'a:b',
      'a"b',
      'a\\b',
      'a|b',
      'a?b',
      'a*b',
      'a\u0001b',
      'CON',
      'prn.txt',
      'Aux.json',
      'NUL',
      'COM1.claim',
      'LPT9',
      'COM¹',
      'x.',
      'x ',
      '.lock',
      'Desktop.ini',
      '~$x.docx',
      'a_vti_b',
      '',
      '.',
      '..',
      'a'.repeat(256),
    ]) {
      expect(unsafeNameReason(name), name).not.toBeNull();
    }
    for (const name of [
      'OPCC.D.021.18',
      'record.json',
      '0001.claim',
      '12-DESKTOP_AB12CD_3f9a1c.json',
      'CONSOLE.txt',
      'com10',
      'Ŵyn ŷ.pdf',
    ]) {
      expect(unsafeNameReason(name), name).toBeNull();
    }
  });

  it('turns any text into a safe segment', () => {
    expect(safeSegment('OPCC.D.021.18')).toBe('OPCC.D.021.18');
    expect(safeSegment('RD/2026/001')).toBe('RD-2026-001');
    expect(safeSegment('CON')).toBe('_CON');
    expect(safeSegment('nul.txt')).toBe('_nul.txt');
    expect(safeSegment('Ref. ')).toBe('Ref');
    expect(safeSegment('...')).toBe('_');
    expect(safeSegment('~$x')).toBe('_x');
    for (const text of ['a:b?', 'LPT1', 'x.', ' ', 'a_vti_b', '~$', 'é'.repeat(300)])
      expect(unsafeNameReason(safeSegment(text)), text).toBeNull();
  });

  it('makes ASCII device tokens with no hyphen, so they cannot look like a conflict copy', () => {
    expect(asciiToken('DESKTOP-AB12CD')).toBe('DESKTOP_AB12CD');
    expect(asciiToken("Jo's Surface Pro 9")).toBe('Jo_s_Surface_Pro_9');
    expect(asciiToken('Łódź')).toBe('odz');
    expect(asciiToken('———')).toBe('device');
  });

  it('tells temporary files and conflict copies apart from real names', () => {
    expect(isIgnored(temporaryName('record.json'))).toBe(true);
    expect(isIgnored('~$record.docx')).toBe(true);
    expect(isIgnored('thumbs.db')).toBe(true);
    expect(isIgnored('record.json')).toBe(false);
    for (const copy of [
      'record-DESKTOP-AB12CD.json',
      'record-LAPTOP-9XK2 (2).json',
      'record (1).json',
      'record (Conflict).json',
      'record-conflict-2.json',
      'manifest (conflicted copy 2026-03-01).json',
      '0001-LAPTOP-9XK2.claim',
      'OPCC.D.001.26-DESKTOP-AB12',
    ]) {
      expect(looksLikeConflictCopy(copy), copy).toBe(true);
    }
    for (const name of [
      'record.json',
      '12-DESKTOP_AB12CD_3f9a1c.json',
      'OPCC.D.001.26',
      '0001.claim',
      'manifest.json',
      'OPCC.D.001.26.docx',
    ]) {
      expect(looksLikeConflictCopy(name), name).toBe(false);
    }
  });

  it('names pending files and claims strictly, reading back only the canonical form', () => {
    expect(pendingFile('6f1c', 12, 'Tablet_3f9a1c')).toBe('pending/6f1c/12-Tablet_3f9a1c.json');
    expect(parsePendingName('12-Tablet_3f9a1c.json')).toEqual({ revision: 12, device: 'Tablet_3f9a1c' });
    for (const name of [
      '12-Tablet_3f9a1c-DESKTOP-AB12CD.json',
      '12-Tablet_3f9a1c (1).json',
      '0-x.json',
      'x.json',
      '12-.json',
    ]) {
      expect(parsePendingName(name), name).toBeNull();
    }
    expect(claimFile(2026, 22)).toBe('references/26/0022.claim');
    expect(parseClaimName('0022.claim')).toBe(22);
    expect(parseClaimName('12345.claim')).toBe(12345);
    for (const name of ['22.claim', '00022.claim', '0000.claim', '0022-LAPTOP-X.claim'])
      expect(parseClaimName(name), name).toBeNull();
    expect(bundleFolder('decisions', 2018, 'OPCC.D.021.18')).toBe('decisions/2018/OPCC.D.021.18');
  });
});
