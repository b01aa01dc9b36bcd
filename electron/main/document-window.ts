// A hidden, sandboxed window with scripts off that holds one finished HTML document while it is printed.

import { BrowserWindow, type WebContents } from 'electron';
import type { PrintDocuments } from './protocol.ts';
import { documentWebPreferences } from './security.ts';

// A4 at 96 dpi: the layout width the form was designed for.
const A4_PIXELS = { width: 794, height: 1123 };

/**
 * Serves the HTML at a one-off app://print address (a file or data: URL would be the wrong origin or too small for a
 * long record), loads it, hands the window's contents to `use`, and always destroys the window afterwards.
 */
export async function withDocumentWindow<T>(
  documents: PrintDocuments,
  html: string,
  title: string | undefined,
  use: (contents: WebContents) => Promise<T>,
): Promise<T> {
  const served = documents.open(html);
  const window = new BrowserWindow({
    show: false,
    ...A4_PIXELS,
    ...(title ? { title } : {}),
    webPreferences: documentWebPreferences(),
  });
  try {
    await window.loadURL(served.url);
    return await use(window.webContents);
  } finally {
    served.close();
    if (!window.isDestroyed()) window.destroy();
  }
}
