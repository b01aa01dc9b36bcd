// The PDF engine outside Electron: the system Chromium through playwright-core (CLI, browser mode, tests).

import type { Browser, Page } from 'playwright-core';
import { DeskError } from '../domain/index.ts';
import { CHROMIUM_FLAGS, findChromium } from './chromium-path.ts';
import { type PdfEngine, type PdfPrintOptions, WARM_UP_OPTIONS, WARM_UP_PAGE } from './pdf-engine.ts';

/**
 * The PDF engine outside Electron: the system Chromium through playwright-core, launched on first use and kept.
 * Prints take turns on one page that each fills afresh (setContent replaces the whole document; scripts and network
 * are off): a new page per print would start a renderer process, 100–200 ms on a 2-core machine, more than the
 * print itself. A print that fails closes the browser, and the next print launches a new one.
 */
export class ChromiumPdfEngine implements PdfEngine {
  // A promise, so that prints arriving together share one launch; the queue makes them take turns on the page.
  private session: Promise<{ browser: Browser; page: Page }> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath?: string) {}

  private open(): Promise<{ browser: Browser; page: Page }> {
    if (!this.session) {
      const session = this.launch();
      this.session = session;
      // A failed launch or a crashed browser is started afresh by the next print.
      const forget = () => {
        if (this.session === session) this.session = null;
      };
      session.then(({ browser }) => browser.on('disconnected', forget), forget);
    }
    return this.session;
  }

  private async launch(): Promise<{ browser: Browser; page: Page }> {
    const executablePath = this.executablePath ?? findChromium();
    let browser: Browser;
    try {
      // Loaded on first print: playwright-core costs ~80 MB and ~0.9 s to import, and the app prints with Electron.
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath,
        args: [...CHROMIUM_FLAGS],
        headless: true,
        // The desk stops the browser itself when it closes (after the database). Playwright's own signal handlers
        // would end the whole process on Ctrl+C (exit code 130) before the database is closed; on exit Playwright
        // still kills a browser left running, so none outlives the process.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DeskError(
        'unavailable',
        `Chromium at ${executablePath} could not be started to make the PDF: ${reason}`,
      );
    }
    // The form has no scripts and fetches nothing; the page is denied both anyway.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    return { browser, page: await context.newPage() };
  }

  /**
   * Launches the browser and prints one blank page, in the print queue like any print: the first real print then
   * finds the browser, its page and the print path (fonts, the PDF backend) ready. A failure is forgotten: the next
   * print launches again and reports its own error.
   */
  async warm(): Promise<void> {
    await this.print(WARM_UP_PAGE, WARM_UP_OPTIONS).catch(() => undefined);
  }

  print(html: string, options: PdfPrintOptions = {}): Promise<Uint8Array> {
    const job = this.queue.then(() => this.printNow(html, options));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async printNow(html: string, options: PdfPrintOptions): Promise<Uint8Array> {
    const session = this.open();
    const { browser, page } = await session;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const margins = options.headerTemplate !== undefined || options.footerTemplate !== undefined;
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: margins,
        // A structure tree and bookmarks from the headings, for screen readers: see pdf-conformance.ts.
        tagged: true,
        outline: true,
        // An empty template would print Chromium's default (date, title, URL): an empty span prints nothing.
        ...(margins
          ? {
              headerTemplate: options.headerTemplate || '<span></span>',
              footerTemplate: options.footerTemplate || '<span></span>',
            }
          : {}),
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      // A browser that failed mid-print is not trusted with the next record.
      if (this.session === session) this.session = null;
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /** Closes the browser, waiting for a launch still under way; the next print launches another. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    const opened = await session?.catch(() => null);
    await opened?.browser.close();
  }
}
