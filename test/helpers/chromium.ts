// Launches the system Chromium for tests through playwright-core (the browser download is not reachable here).

import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../electron/core/export/chromium-path.ts';

export { findChromium };

/** A headless Chromium; Playwright gives it a throwaway profile and removes it on close(). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, '--disable-quic'],
  });
}
