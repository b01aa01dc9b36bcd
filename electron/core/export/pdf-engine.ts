// The PDF engine port: HTML in, PDF bytes out. Adapters: Chromium via playwright-core (CLI, web mode, tests) in
// pdf.ts, and Electron's printToPDF in electron/main. The engine is started once and reused.

export interface PdfPrintOptions {
  /** The document title, for the print job; metadata proper is set afterwards with pdf-lib. */
  title?: string;
}

export interface PdfEngine {
  /** Prints a complete, self-contained HTML document (no network, no scripts) with its own @page CSS. */
  print(html: string, options?: PdfPrintOptions): Promise<Uint8Array>;
  /** Releases the browser or window; print() after close() starts it again. */
  close(): Promise<void>;
}
