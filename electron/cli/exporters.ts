// The formats `export` can write, one entry each; Word and PDF come from the service's export methods.

import type { Method } from '../contract.ts';
import type { Desk } from '../core/desk.ts';
import type { DecisionRecord } from '../core/domain/index.ts';
import { call } from './command.ts';
import { recordJsonText } from './format.ts';

export interface ExportFormat {
  /** What --format accepts. */
  name: string;
  /** The file ending that selects this format when --format is left out. */
  extension: string;
  description: string;
  render(desk: Desk, record: DecisionRecord): Promise<string | Uint8Array>;
}

/** A printed form made by the service (the same code the window's Export buttons use). */
function printed(method: Extract<Method, 'export.docx' | 'export.pdf'>) {
  return async (desk: Desk, record: DecisionRecord) =>
    new Uint8Array(Buffer.from((await call(desk, method, { id: record.id })).base64, 'base64'));
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    name: 'json',
    extension: '.json',
    description: 'record.json, the interchange form other devices and versions import',
    render: async (_desk, record) => recordJsonText(record),
  },
  { name: 'docx', extension: '.docx', description: 'a Word document in the office template', render: printed('export.docx') },
  { name: 'pdf', extension: '.pdf', description: 'a PDF of the printed form, with its record.json attached', render: printed('export.pdf') },
];

export function findExportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.name === name.toLowerCase());
}

export function exportFormatForFile(file: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => file.toLowerCase().endsWith(format.extension));
}

export const EXPORT_FORMAT_NAMES = EXPORT_FORMATS.map((format) => format.name).join(', ');
