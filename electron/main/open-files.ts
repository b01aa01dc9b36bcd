// Record files (.ddrecord: a record.json) opened from outside: double-clicked, dropped on the icon, or passed on
// the command line. They are found in the arguments, read as JSON and imported through the service.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile } from '../core/files.ts';
import type { Envelope } from '../contract.ts';
import { type ImportOutcome, toErrorData } from '../core/domain/index.ts';
import type { DeskCall } from './ipc.ts';

export const RECORD_FILE_EXTENSION = '.ddrecord';

/** A path, or a file: URL (Linux desktops pass those, from the launcher's %U), as an absolute path. */
function toPath(arg: string, workingDirectory: string): string | null {
  // Any other address (https://…) is not a file on this computer; a drive letter ("C:") is not a scheme.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg) && !/^file:/i.test(arg)) return null;
  if (!/^file:/i.test(arg)) return path.resolve(workingDirectory, arg);
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

/** The record files named in a command line, as absolute paths; flags and everything else are ignored. */
export function recordFilesIn(args: readonly unknown[], workingDirectory: string): string[] {
  const files = args
    .filter((arg): arg is string => typeof arg === 'string' && !arg.startsWith('-'))
    .map((arg) => toPath(arg, workingDirectory))
    .filter((file): file is string => file !== null && file.toLowerCase().endsWith(RECORD_FILE_EXTENSION));
  return [...new Set(files)];
}

/** Reads and imports one record file; every failure comes back as an envelope whose message names the reason. */
export async function importRecordFile(desk: DeskCall, file: string): Promise<Envelope<ImportOutcome>> {
  let record: unknown;
  try {
    record = readJsonFile(file);
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
  return (await desk('records.import', { record })) as Envelope<ImportOutcome>;
}
