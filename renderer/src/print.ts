// Printing the open record's form on paper: the app's print dialog, or in a browser tab the browser's own print of
// the form (not of the window around it).

import { api } from './api.ts';

const FRAME_ID = 'print-frame';

/**
 * Prints the form's HTML from a hidden frame of this page. The frame may run nothing (no allow-scripts), but it has
 * this page's origin so the page can call its print(), and allow-modals because a sandboxed frame without it
 * ignores print(). It stays until the next print: Chromium's print preview reads the frame after print() returns.
 */
function printInFrame(html: string): Promise<void> {
  document.getElementById(FRAME_ID)?.remove();
  const frame = document.createElement('iframe');
  frame.id = FRAME_ID;
  frame.className = 'print-frame';
  frame.title = 'The record as it prints';
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  return new Promise<void>((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        const target = frame.contentWindow;
        if (!target) {
          reject(new Error('The form could not be prepared for printing.'));
          return;
        }
        target.focus();
        target.print();
        resolve();
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}

/**
 * Prints a saved record's form: in the app through the system print dialog (the same HTML as its PDF, with the
 * marking and reference in the page header and footer); in a browser, the browser's print of the same HTML.
 * Resolves to whether it was sent to print (false when the person cancels the app's dialog).
 */
export async function printForm(recordId: string): Promise<boolean> {
  if (api.inApp()) return api.print(recordId);
  const { html } = await api.call('export.preview', { id: recordId });
  await printInFrame(html);
  return true;
}
