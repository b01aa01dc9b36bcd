// British English spell-checking that never downloads anything. macOS uses its own spell-checker; on Windows
// (when the system lacks en-GB) and Linux, Chromium's Hunspell reads the en-GB dictionary shipped in resources/.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Session } from 'electron';
import type { Log } from './log.ts';

export const SPELLING_LANGUAGE = 'en-GB';
/** Chromium's versioned file name for its en-GB Hunspell dictionary (components/spellcheck/common/spellcheck_common.cc). */
export const DICTIONARY_FILE = 'en-GB-10-1.bdic';
/** Where Chromium looks for dictionaries before downloading one: "Dictionaries" in the user-data folder. */
export const DICTIONARY_FOLDER = 'Dictionaries';

export type DictionaryInstall = 'installed' | 'present' | 'missing';

/** Copies the shipped dictionary where Chromium looks for it, unless an identical copy is already there. */
export function installDictionary(sourceDir: string, userDataDir: string): DictionaryInstall {
  const source = path.join(sourceDir, DICTIONARY_FILE);
  if (!fs.existsSync(source)) return 'missing';
  const targetDir = path.join(userDataDir, DICTIONARY_FOLDER);
  const target = path.join(targetDir, DICTIONARY_FILE);
  const shipped = fs.readFileSync(source);
  if (fs.existsSync(target) && fs.readFileSync(target).equals(shipped)) return 'present';
  fs.mkdirSync(targetDir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, shipped);
  fs.renameSync(temporary, target);
  return 'installed';
}

export interface SpellCheckOptions {
  platform: NodeJS.Platform;
  /** resources/dictionaries in the app. */
  dictionariesDir: string;
  userDataDir: string;
  log: Log;
}

export function setUpSpellCheck(session: Session, options: SpellCheckOptions): void {
  // On macOS these calls do nothing: the system spell-checker follows the user's languages and downloads nothing.
  if (options.platform === 'darwin') return;
  try {
    const result = installDictionary(options.dictionariesDir, options.userDataDir);
    if (result === 'missing') options.log.warn('spellcheck.dictionary-missing', { file: DICTIONARY_FILE });
  } catch (error) {
    options.log.error('spellcheck.install-failed', error);
  }
  // Should Chromium still want a file, it may only look in the app's own folder: never at Google's servers.
  session.setSpellCheckerDictionaryDownloadURL(`${pathToFileURL(options.dictionariesDir).href}/`);
  session.setSpellCheckerLanguages([SPELLING_LANGUAGE]);
  session.on('spellcheck-dictionary-download-failure', (_event, language) => {
    options.log.warn('spellcheck.dictionary-unavailable', { language });
  });
}
