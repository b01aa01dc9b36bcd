// Files the CLI reads and writes: JSON read with a reason a person can act on, and writes that never leave half a file.

import fs from 'node:fs';
import { MAX_RECORD_FILE_BYTES as MAX_JSON_FILE_BYTES } from '../contract.ts';
import { assertNotTooDeep, DeskError, InvalidInputError, NotFoundError } from '../core/domain/index.ts';
import { describeFsError } from '../core/files.ts';

function fileError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const reason = `cannot be read: ${describeFsError(error)}`;
  return (error as { code?: string }).code === 'ENOENT' ? new NotFoundError(reason) : new DeskError('unavailable', reason);
}

function readBytes(file: string): Buffer {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new InvalidInputError('this is a folder, not a file');
    if (stat.size > MAX_JSON_FILE_BYTES) {
      throw new InvalidInputError(`the file is too large (${Math.round(stat.size / 1024 / 1024)} MB)`);
    }
    return fs.readFileSync(file);
  } catch (error) {
    throw fileError(error);
  }
}

/** Reads a file's bytes; a failure names the file and the reason. */
export function readBinaryFile(file: string): Buffer {
  return inFile(file, () => readBytes(file));
}

/** Where JSON.parse stopped, as line and column; never V8's message, which quotes the file's text. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (/end of JSON input/.test(message) || position >= text.trimEnd().length) {
    return 'the file is truncated: its JSON ends too early';
  }
  if (Number.isNaN(position)) return 'the file is not JSON';
  const before = text.slice(0, position).split('\n');
  return `the file is not valid JSON (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

/**
 * Reads a JSON file (UTF-8, with or without a byte-order mark). Each failure is a DeskError whose message is the
 * reason alone, so callers can put the file name in front.
 */
export function readJsonFile(file: string): unknown {
  const bytes = readBytes(file);
  let text: string;
  try {
    // TextDecoder drops a leading byte-order mark, which Windows editors add.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError('the file is not UTF-8 text');
  }
  if (text.trim() === '') throw new InvalidInputError('the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(describeJsonError(error, text));
  }
  assertNotTooDeep(value, "the file's JSON");
  return value;
}

/** Runs a step on one file and puts the file's name in front of whatever it fails with, keeping the error's code. */
export function inFile<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DeskError) throw new DeskError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}
