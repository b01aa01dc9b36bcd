// Printing a record on paper: the same HTML as its PDF, in a hidden window, through the system print dialog.

import type { Method, MethodInput, MethodResult } from '../contract.ts';
import { DeskError } from '../core/domain/index.ts';
import { markingFor, referenceText } from '../core/export/form.ts';
import { printJob } from '../core/export/html.ts';
import type { DeskCall } from './ipc.ts';
import { withDocumentWindow } from './document-window.ts';
import type { PrintDocuments } from './protocol.ts';

export interface PrintOptions {
  title?: string;
  /** Plain text Chromium prints at the top and bottom of each page, beside the page number. */
  header?: string;
  footer?: string;
}

/** Shows the system print dialog for the document; resolves false when the user cancels. */
export function printDocument(documents: PrintDocuments, html: string, options: PrintOptions = {}): Promise<boolean> {
  return withDocumentWindow(
    documents,
    html,
    options.title,
    (contents) =>
      new Promise<boolean>((resolve, reject) => {
        contents.print(
          {
            silent: false,
            printBackground: true,
            pageSize: 'A4',
            ...(options.header ? { header: options.header } : {}),
            ...(options.footer ? { footer: options.footer } : {}),
          },
          (success, failureReason) => {
            if (success) resolve(true);
            else if (/cancel/i.test(failureReason)) resolve(false);
            else
              reject(
                new DeskError(
                  'unavailable',
                  `The record could not be printed: ${failureReason || 'the printer reported an error'}.`,
                ),
              );
          },
        );
      }),
  );
}

async function call<M extends Method>(desk: DeskCall, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = await desk(method, input);
  if (!envelope.ok) throw new DeskError(envelope.error.code, envelope.error.message);
  return envelope.value as MethodResult<M>;
}

/**
 * Prints a record's form. Print dialogs cannot take the PDF's HTML margin templates, so the marking and the
 * reference go in Chromium's plain header and footer lines instead.
 */
export async function printRecord(desk: DeskCall, documents: PrintDocuments, id: string): Promise<boolean> {
  const record = await call(desk, 'records.get', { id });
  // The version of the template it was made with, as its PDF prints it.
  const template = await call(desk, 'templates.get', { record: record.id });
  const { html, options } = printJob(record, template);
  return printDocument(documents, html, {
    title: options.title,
    header: markingFor(record, template) ?? undefined,
    footer: referenceText(record),
  });
}
