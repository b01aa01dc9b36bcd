// A device of the office in the end-to-end tests: its own data folder set to sync through the test's share, served
// over the web bridge, with a window on it at a tablet's size.

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDesk } from '../../../electron/core/desk.ts';
import { dispatch } from '../../../electron/core/service.ts';
import { serveDesk, type ServeOptions, type ServedDesk } from '../../../electron/web/run.ts';
import { AXE_IN_SANDBOX } from './axe.ts';

export interface Device {
  name: string;
  served: ServedDesk;
  page: Page;
}

export interface DeviceOptions {
  /** Each device's data folder is made under this, named after it. */
  root: string;
  share: string;
  browser: Browser;
  keys: ServeOptions['keys'];
  /** Errors the window logs or throws, each as "name: message" (axe's attempt on a sandboxed frame set aside). */
  problems: string[];
}

/**
 * Starts a device. Its sync runs only on demand (no timer, no watcher): a pass of its own could otherwise run at any
 * moment and change what the test is looking at, so every pass is one the test asked for.
 */
export async function startDevice(name: string, options: DeviceOptions): Promise<Device> {
  const dataDir = path.join(options.root, name);
  const desk = await openDesk(dataDir, { dailyBackup: false });
  try {
    const saved = await dispatch(desk.service, 'settings.update', {
      patch: { sharedFolder: options.share, deviceName: name, userName: 'Alex Morgan' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
  } finally {
    await desk.close();
  }
  const served = await serveDesk({ dataDir, port: 0, sync: 'on-demand', open: false, keys: options.keys });
  const context = await options.browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !AXE_IN_SANDBOX.test(message.text()))
      options.problems.push(`${name}: ${message.text()}`);
  });
  page.on('pageerror', (error) => options.problems.push(`${name}: ${error.message}`));
  await page.goto(served.bridge.url);
  return { name, served, page };
}
