// British English spell-checking with no downloads: the shipped dictionary is a real Chromium .bdic, it is put where
// Chromium looks first, and the session never points at Google's servers.

import fs from 'node:fs';
import path from 'node:path';
import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARY_FILE,
  DICTIONARY_FOLDER,
  installDictionary,
  setUpSpellCheck,
  SPELLING_LANGUAGE,
} from '../../../electron/main/spellcheck.ts';
import { tmpDataDir } from '../../helpers/db.ts';
import { StubSession } from '../../helpers/electron-stub.ts';
import { recordingLog } from './recording-log.ts';

const SHIPPED = path.resolve(import.meta.dirname, '../../../resources/dictionaries');

describe('the shipped dictionary', () => {
  it('is a Chromium binary dictionary (BDic, format 2) under the name Chromium expects for en-GB', () => {
    const bytes = fs.readFileSync(path.join(SHIPPED, DICTIONARY_FILE));
    expect(DICTIONARY_FILE).toBe('en-GB-10-1.bdic');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('BDic');
    expect(bytes.readUInt16LE(4)).toBe(2);
    expect(bytes.length).toBeGreaterThan(500_000);
  });

  it('comes with its licence notice', () => {
    expect(fs.readFileSync(path.join(SHIPPED, 'README.md'), 'utf8')).toMatch(/LGPL/);
    expect(fs.existsSync(path.join(SHIPPED, 'README_en_GB.txt'))).toBe(true);
  });
});

describe('installing it', () => {
  it('copies it into the user-data Dictionaries folder once, and replaces a damaged copy', () => {
    const userData = tmpDataDir();
    expect(installDictionary(SHIPPED, userData)).toBe('installed');
    const installed = path.join(userData, DICTIONARY_FOLDER, DICTIONARY_FILE);
    expect(fs.readFileSync(installed).equals(fs.readFileSync(path.join(SHIPPED, DICTIONARY_FILE)))).toBe(true);
    expect(installDictionary(SHIPPED, userData)).toBe('present');
    fs.writeFileSync(installed, 'truncated');
    expect(installDictionary(SHIPPED, userData)).toBe('installed');
    expect(fs.readdirSync(path.join(userData, DICTIONARY_FOLDER))).toEqual([DICTIONARY_FILE]);
  });

  it('reports a missing dictionary rather than failing', () => {
    expect(installDictionary(tmpDataDir(), tmpDataDir())).toBe('missing');
  });
});

describe('the session', () => {
  it.each(['win32', 'linux'] as const)('on %s checks British English and never downloads from the web', (platform) => {
    const session = new StubSession();
    const userDataDir = tmpDataDir();
    setUpSpellCheck(session as unknown as Session, {
      platform,
      dictionariesDir: SHIPPED,
      userDataDir,
      log: recordingLog(),
    });
    expect(session.spellCheckerLanguages).toEqual([SPELLING_LANGUAGE]);
    expect(session.dictionaryDownloadUrl).toMatch(/^file:\/\//);
    expect(session.dictionaryDownloadUrl).toMatch(/\/$/);
    expect(new URL(session.dictionaryDownloadUrl!).pathname).toContain('resources/dictionaries');
    expect(fs.existsSync(path.join(userDataDir, DICTIONARY_FOLDER, DICTIONARY_FILE))).toBe(true);
  });

  it('on macOS leaves the system spell-checker alone', () => {
    const session = new StubSession();
    const userDataDir = tmpDataDir();
    setUpSpellCheck(session as unknown as Session, {
      platform: 'darwin',
      dictionariesDir: SHIPPED,
      userDataDir,
      log: recordingLog(),
    });
    expect(session.spellCheckerLanguages).toEqual([]);
    expect(fs.existsSync(path.join(userDataDir, DICTIONARY_FOLDER))).toBe(false);
  });

  it('logs a dictionary Chromium could not find, by language only', () => {
    const session = new StubSession();
    const log = recordingLog();
    setUpSpellCheck(session as unknown as Session, {
      platform: 'linux',
      dictionariesDir: tmpDataDir(),
      userDataDir: tmpDataDir(),
      log,
    });
    session.emit('spellcheck-dictionary-download-failure', {}, 'en-GB');
    expect(log.lines).toEqual([
      'WARN spellcheck.dictionary-missing {"file":"en-GB-10-1.bdic"}',
      'WARN spellcheck.dictionary-unavailable {"language":"en-GB"}',
    ]);
  });
});
