// The formats `export` can write, one entry each: adding Word or PDF is adding an entry that calls electron/core/export.

import type { DecisionRecord, Settings } from '../core/domain/index.ts';
import { recordJsonText } from './format.ts';

export interface ExportContext {
  /** The office template and the device's settings, which the printed forms need. */
  settings: Settings;
}

export interface ExportFormat {
  /** What --format accepts. */
  name: string;
  /** The file ending that selects this format when --format is left out. */
  extension: string;
  description: string;
  render(record: DecisionRecord, context: ExportContext): Promise<string | Uint8Array>;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    name: 'json',
    extension: '.json',
    description: 'record.json, the interchange form other devices and versions import',
    render: async (record) => recordJsonText(record),
  },
];

export function findExportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.name === name.toLowerCase());
}

export function exportFormatForFile(file: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => file.toLowerCase().endsWith(format.extension));
}

export const EXPORT_FORMAT_NAMES = EXPORT_FORMATS.map((format) => format.name).join(', ');
