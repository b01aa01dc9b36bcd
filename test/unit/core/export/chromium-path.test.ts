// Finding Chromium: CHROMIUM_PATH first, then the usual install places, else a clear error naming the fix.

import { describe, expect, it } from 'vitest';
import {
  ChromiumNotFoundError,
  chromiumCandidates,
  findChromium,
} from '../../../../electron/core/export/chromium-path.ts';

const only =
  (...present: string[]) =>
  (file: string) =>
    present.includes(file);

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it names a program', () => {
    expect(
      findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, 'linux', only('/opt/chrome/chrome', '/usr/bin/chromium')),
    ).toBe('/opt/chrome/chrome');
  });

  it('reports a CHROMIUM_PATH with nothing there rather than quietly using another browser', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, 'linux', only('/usr/bin/chromium'))).toThrow(
      /CHROMIUM_PATH/,
    );
  });

  it('takes the first installed browser in order of preference', () => {
    expect(findChromium({}, 'linux', only('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
    expect(findChromium({}, 'linux', only('/usr/bin/google-chrome', '/usr/bin/chromium-browser'))).toBe(
      '/usr/bin/chromium-browser',
    );
    expect(findChromium({}, 'darwin', only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'))).toMatch(
      /Google Chrome$/,
    );
  });

  it('looks in Program Files and the user profile on Windows', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\pa\\AppData\\Local' };
    expect(chromiumCandidates('win32', env)).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(
      findChromium(env, 'win32', only('C:\\Users\\pa\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe')),
    ).toBe('C:\\Users\\pa\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('says how to install Chromium when there is none', () => {
    let thrown: unknown;
    try {
      findChromium({}, 'linux', () => false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChromiumNotFoundError);
    expect((thrown as ChromiumNotFoundError).code).toBe('unavailable');
    expect((thrown as Error).message).toContain('apt-get install chromium');
  });

  it('finds the Chromium installed on this machine', () => {
    expect(findChromium()).toMatch(/chrom/i);
  });
});
