// The formats `export` can write, one entry each; Word and PDF come from the service's export methods.

import type { Method } from '../contract.ts';
import type { Desk } from '../core/desk.ts';
import type { DecisionRecord } from '../core/domain/index.ts';
import { call } from './command.ts';

export interface ExportFormat {
  /** What --format accepts. */
  name: string;
  /** The file ending that selects this format when --format is left out. */
  extension: string;
  description: string;
  render(desk: Desk, record: DecisionRecord): Promise<string | Uint8Array>;
}

/** A printed form made by the service (the same code the window's Export buttons use). */
function printed(method: Extract<Method, 'export.docx' | 'export.pdf'>, rendition?: 'archive' | 'public') {
  return async (desk: Desk, record: DecisionRecord) =>
    new Uint8Array(
      Buffer.from((await call(desk, method, { id: record.id, ...(rendition ? { rendition } : {}) })).base64, 'base64'),
    );
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    name: 'json',
    extension: '.json',
    description:
      'record.json, the interchange form other devices and versions import, with its template version beside it',
    render: async (desk, record) =>
      Buffer.from((await call(desk, 'export.json', { id: record.id })).base64, 'base64').toString('utf8'),
  },
  {
    name: 'docx',
    extension: '.docx',
    description: 'a Word document in the office template',
    render: printed('export.docx'),
  },
  {
    name: 'pdf',
    extension: '.pdf',
    description:
      'the archive copy: PDF/A-3b, tagged, with its record.json and audit trail attached, sealed once decided',
    render: printed('export.pdf', 'archive'),
  },
  {
    name: 'public-pdf',
    // A file named *.public.pdf; any other *.pdf is the archive copy.
    extension: '.public.pdf',
    description:
      'the public copy for the website: tagged, nothing attached, no pen strokes or device names (open records only)',
    render: printed('export.pdf', 'public'),
  },
];

export function findExportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.name === name.toLowerCase());
}

export function exportFormatForFile(file: string): ExportFormat | undefined {
  // The longest ending that fits: x.public.pdf is the public copy, not the archive's .pdf.
  const fits = EXPORT_FORMATS.filter((format) => file.toLowerCase().endsWith(format.extension));
  return fits.sort((a, b) => b.extension.length - a.extension.length)[0];
}

export const EXPORT_FORMAT_NAMES = EXPORT_FORMATS.map((format) => format.name).join(', ');
