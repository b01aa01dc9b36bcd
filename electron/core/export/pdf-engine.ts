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
  /** Releases the browser or window; print() after close() starts it again. */
  close(): Promise<void>;
}
