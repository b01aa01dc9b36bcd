// The PDF engine inside the app: Electron's printToPDF in a hidden, sandboxed window with scripts off.

import { type PdfEngine, type PdfPrintOptions, WARM_UP_OPTIONS, WARM_UP_PAGE } from '../core/export/pdf-engine.ts';
import { withDocumentWindow } from './document-window.ts';
import type { PrintDocuments } from './protocol.ts';

export class ElectronPdfEngine implements PdfEngine {
  constructor(private readonly documents: PrintDocuments) {}

  print(html: string, options: PdfPrintOptions = {}): Promise<Uint8Array> {
    return withDocumentWindow(this.documents, html, options.title, async (contents) => {
      const margins = options.headerTemplate !== undefined || options.footerTemplate !== undefined;
      const pdf = await contents.printToPDF({
        pageSize: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: margins,
        // A structure tree and bookmarks from the headings, for screen readers: see core/export/pdf-conformance.ts.
        generateTaggedPDF: true,
        generateDocumentOutline: true,
        // An empty template would print Chromium's default (date, title, address): an empty span prints nothing.
        ...(margins
          ? {
              headerTemplate: options.headerTemplate || '<span></span>',
              footerTemplate: options.footerTemplate || '<span></span>',
            }
          : {}),
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    });
  }

  /** One throwaway print once the window is usable: the first print's costs (the print path, fonts) are paid then. */
  async warm(): Promise<void> {
    await this.print(WARM_UP_PAGE, WARM_UP_OPTIONS).catch(() => undefined);
  }

  // Each print has a window of its own, destroyed when it is done: there is nothing left to release.
  async close(): Promise<void> {}
}
