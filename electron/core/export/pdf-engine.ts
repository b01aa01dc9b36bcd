// The PDF engine port: HTML in, PDF bytes out. Adapters: Chromium via playwright-core (CLI, web mode, tests) in
// pdf.ts, and Electron's printToPDF in electron/main. The engine is started once and reused. Every print is tagged
// (a structure tree from the page's accessibility tree) with an outline of its headings: pdf-conformance.ts finishes both.

export interface PdfPrintOptions {
  /** The document title, for the print job; metadata proper is set afterwards with pdf-lib. */
  title?: string;
  /**
   * HTML drawn in every page's top and bottom margin (Chromium's headerTemplate/footerTemplate: elements with the
   * classes pageNumber and totalPages are filled in). Self-contained, with inline styles and an explicit font-size.
   * Giving either turns the header and footer on; a missing one is printed empty.
   */
  headerTemplate?: string;
  footerTemplate?: string;
}

export interface PdfEngine {
  /** Prints a complete, self-contained HTML document (no network, no scripts) with its own @page CSS, A4 by default. */
  print(html: string, options?: PdfPrintOptions): Promise<Uint8Array>;
  /**
   * Starts the engine ahead of the first print, so that print costs what the tenth does. Called once the window is
   * usable (export.warmUp), never before: starting Chromium competes with the window's own start. Never rejects; a
   * print that comes first simply waits for the same start.
   */
  warm?(): Promise<void>;
  /** Releases the browser or window; print() after close() starts it again. */
  close(): Promise<void>;
}

/**
 * What a warm-up prints: one page in the form's fonts, bold and italic, with a table, an image and a page-numbered
 * footer, as a record's first page has, which nobody keeps: each is a path of the print that is slow only the first
 * time. (The font list is the form's: html.ts FONT_STACK.)
 */
export const WARM_UP_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warm-up</title>' +
  "<style>@page { size: A4; margin: 20mm; } html { font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; }" +
  ' table { border-collapse: collapse; } td, th { border: 1px solid #000; padding: 2pt; }</style>' +
  '</head><body><h1>Warm-up</h1><p><b>Bold</b> <i>italic</i></p>' +
  '<img alt="" width="8" height="8" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">' +
  '<table><thead><tr><th>Line</th><th>Amount</th></tr></thead><tbody><tr><td>One</td><td>1.0</td></tr></tbody></table>' +
  '</body></html>';

/** The warm-up's print options: a header and footer, as every record's export has. */
export const WARM_UP_OPTIONS: PdfPrintOptions = {
  title: 'Warm-up',
  headerTemplate: '<span></span>',
  footerTemplate:
    '<div style="font-size: 8pt; width: 100%; text-align: center;"><span class="pageNumber"></span></div>',
};
